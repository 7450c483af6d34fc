/**
 * Label selectors in kubectl's {@code -l} syntax ({@code app=web,tier!=db,env in (a,b),!canary}),
 * parsed token for token as apimachinery's {@code labels.Parse} does, with its error messages.
 */
package io.knetsim.api.labels;
