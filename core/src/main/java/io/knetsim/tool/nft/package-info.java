/**
 * The {@code nft} command: a lexer, the command and rule grammars, and nft 1.0's listing
 * format, over the kernel-side model in {@code io.knetsim.netfilter.nft}. Also {@code dmesg},
 * which shows what {@code log} statements wrote.
 */
package io.knetsim.tool.nft;
