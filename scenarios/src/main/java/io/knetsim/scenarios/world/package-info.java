/**
 * The built-in worlds {@code knetsim run} and {@code knetsim shell} open: the default world of
 * the original labs ({@link io.knetsim.scenarios.world.DefaultWorld}) and the small hand-wired
 * overlay of lab 0 ({@link io.knetsim.scenarios.demo.OverlayDemo}), both behind
 * {@link io.knetsim.scenarios.world.BuiltInWorld}.
 */
package io.knetsim.scenarios.world;
