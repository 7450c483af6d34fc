/** Field selectors ({@code spec.nodeName=c0w1,status.phase!=Failed}), as apimachinery's {@code fields} package parses them. */
package io.knetsim.api.fields;
