/**
 * The Skupper site and service controllers behind the {@code skupper} CLI verbs: one
 * {@link io.knetsim.skupper.site.SkupperSite} per cluster holds its router configuration as
 * {@code init}, {@code link create} and {@code expose} change it, and hands each new one to its
 * {@link io.knetsim.skupper.site.RouterProcess}; {@link io.knetsim.skupper.site.SkupperNetwork}
 * holds a world's sites and exposes a service across them; {@link io.knetsim.skupper.site.SkupperCli}
 * is the command a learner types.
 */
package io.knetsim.skupper.site;
