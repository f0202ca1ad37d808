/**
 * The {@code baton} command: {@code baton demo} tells the whole library's story on an embedded
 * ZooKeeper, {@code baton server} runs a development server. Not an API: use {@code baton-core}
 * from code.
 */
@NullMarked
package dev.baton.cli;

import org.jspecify.annotations.NullMarked;
