/* render_theme — the colours of the classroom view (0xRRGGBBAA).  A light
 * theme: projectors wash out dark backgrounds, and strong hues on white stay
 * distinguishable from the back row. */
#ifndef MAILSIM_RENDER_THEME_H
#define MAILSIM_RENDER_THEME_H

#include <stdint.h>

#include "scenario.h"

#define RENDER_THEME_BG          0xEEF1F5FFu
#define RENDER_THEME_PANEL       0xFFFFFFFFu
#define RENDER_THEME_PANEL_EDGE  0xC5CCD6FFu
#define RENDER_THEME_BAR         0x1F2A3AFFu
#define RENDER_THEME_BAR_TEXT    0xFFFFFFFFu
#define RENDER_THEME_TEXT        0x1B2330FFu
#define RENDER_THEME_MUTED       0x5B6678FFu
#define RENDER_THEME_ACCENT      0x1565C0FFu
#define RENDER_THEME_HILITE      0xFFE98AFFu
#define RENDER_THEME_ACTING      0xFFB300FFu   /* the glow around the acting agent's badge */
#define RENDER_THEME_SELECT      0xE65100FFu
#define RENDER_THEME_BLOCK       0xD32F2FFFu
#define RENDER_THEME_OK          0x2E7D32FFu
#define RENDER_THEME_WARN        0xB26A00FFu   /* amber: a 4xx (try later), mail in Junk */
#define RENDER_THEME_BOUNCE      0xEF6C00FFu
#define RENDER_THEME_LINK        0x8A96A8FFu
#define RENDER_THEME_HOST        0xFFFFFFFFu
#define RENDER_THEME_ROUTER      0x37474FFFu
#define RENDER_THEME_CMD         0x1565C0FFu   /* client lines */
#define RENDER_THEME_REPLY       0x2E7D32FFu   /* server lines */
#define RENDER_THEME_SHADE       0x10182080u
#define RENDER_THEME_DNS         0x00838FFFu   /* DNS questions and answers */

/* Region fill per network kind. */
static const uint32_t render_theme_net[NET_KIND_COUNT] = {
	0xFFF8CCFFu,   /* dynamic pool: pale yellow, "home users" (orange means a bounce) */
	0xE1EEFBFFu,   /* server segment */
	0xE3F4E4FFu,   /* company */
	0xECE7F6FFu,   /* backbone */
};
static const uint32_t render_theme_net_edge[NET_KIND_COUNT] = {
	0xC9A80EFFu, 0x7FA8D8FFu, 0x86BE8AFFu, 0xA99AD0FFu,
};

/* Role badge colours, in enum role order. */
static const uint32_t render_theme_role[ROLE_COUNT] = {
	0x7B1FA2FFu,   /* MUA */
	0x00897BFFu,   /* MSA */
	0x1565C0FFu,   /* MTA */
	0x2E7D32FFu,   /* MDA */
	0xC2185BFFu,   /* MRA (and POP3, IMAP on the wire): magenta, apart from bounces' orange */
	0x546E7AFFu,   /* DNS */
};

/* Letter edge colours: one per message, cycling. */
#define RENDER_THEME_NLETTER 8
static const uint32_t render_theme_letter[RENDER_THEME_NLETTER] = {
	0x1565C0FFu, 0x7B1FA2FFu, 0x00897BFFu, 0xC2185BFFu,
	0x5D4037FFu, 0x283593FFu, 0x558B2FFFu, 0x00838FFFu,
};

#endif
