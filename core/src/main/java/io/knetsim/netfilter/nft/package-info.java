/**
 * nftables, the kernel side: tables, chains, rules, sets and maps of one namespace
 * ({@link io.knetsim.netfilter.nft.Nftables}), and the small VM that runs them at the hooks.
 * Expressions ({@link io.knetsim.netfilter.nft.Expr}) and statements
 * ({@link io.knetsim.netfilter.nft.Stmt}) are sealed sets, one kind per file; a rule is checked
 * when it is added and changes apply as transactions. The {@code nft} command
 * ({@code io.knetsim.tool.nft}) parses and lists this model.
 */
package io.knetsim.netfilter.nft;
