/**
 * BIND's DNS client tools: {@link io.knetsim.tool.dnsutils.Dig} and
 * {@link io.knetsim.tool.dnsutils.Nslookup}, over {@link io.knetsim.app.dns.DnsClient}, in the
 * real tools' output formats ({@link io.knetsim.tool.dnsutils.MasterFormat} writes records as
 * dig does).
 */
package io.knetsim.tool.dnsutils;
