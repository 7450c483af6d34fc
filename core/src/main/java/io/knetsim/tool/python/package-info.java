/**
 * {@code python3}, as far as labs use it: {@code python3 -m http.server}, CPython 3.12's static
 * file server, serving a namespace's {@linkplain io.knetsim.fs.FileTree files} over the shared
 * {@link io.knetsim.app.http.HttpServer}.
 */
package io.knetsim.tool.python;
