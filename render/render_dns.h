/* render_dns — DNS queries and answers on the network picture. */
#ifndef MAILSIM_RENDER_DNS_H
#define MAILSIM_RENDER_DNS_H

struct render_app;

/* The routes of the DNS queries whose answer has not arrived, dashed in
 * the DNS colour; draw them with the connections' routes, before the
 * boxes. */
void render_dns_routes(struct render_app *a);
/* Their pills ("DNS ? domain MX" out, "DNS → MX domain" back) where the
 * query or answer is now.  The pill of the query host lead asked (the
 * current row's; -1: none) is always drawn; the others give way to what
 * is placed already and shrink to a dot. */
void render_dns_pills(struct render_app *a, int lead);

#endif
