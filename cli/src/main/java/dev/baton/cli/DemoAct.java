package dev.baton.cli;

/** One act of {@code baton demo}: a short story about one part of Baton. */
interface DemoAct {
  /** {@return the act's title, printed as its heading} */
  String title();

  /**
   * Plays the act.
   *
   * @param stage the embedded ensemble, coordinators and output
   * @throws Exception if the act fails; the demo reports it and exits non-zero
   */
  void play(DemoStage stage) throws Exception;
}
