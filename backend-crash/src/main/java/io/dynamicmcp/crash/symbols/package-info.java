/**
 * Module debug information: finding a loaded module's {@code .ko} with symbols (beside the dump, under the
 * debug-symbol roots, in the release's module trees), checking it is the module the dump holds, and having crash
 * load it ({@code mod -s}) when a session starts.
 */
package io.dynamicmcp.crash.symbols;
