/* test_render_store — an MRA that reads the mailboxes of another host
 * (lesson 01b's pop.ispb.example, "mailstore": mbox.ispb.example): while
 * it serves POP3 the map's line goes on from it to the mailbox server, as
 * it ends at the mailbox where one host is both (issue 11, C9: retrieval
 * looked cut off from the mailbox). */
#include <criterion/criterion.h>

#include "render_app.h"
#include "render_control.h"
#include "render_topology.h"
#include "test_render_util.h"

Test(render_store, lesson_01b_pop3_line_reaches_the_mailbox_server)
{
	static const struct { int lang, w, h, presenter; } cfg[] = { { LANG_JA, 1920, 1080, 0 }, { LANG_EN, 1280, 720, 1 } };
	for (size_t c = 0; c < sizeof cfg / sizeof cfg[0]; c++) {
		struct render_app *a = test_render_util_app_mode("scenarios/01b-agents.json", cfg[c].lang, cfg[c].w, cfg[c].h,
								 cfg[c].presenter);
		a->quiz.off = 1;
		render_control_run_to(a, 30050000);   /* POP3 STAT: the MRA reads Bob's mailbox */
		render_app_draw(a);
		int mra = scenario_find_host(a->sc, "mra-b"), mda = scenario_find_host(a->sc, "mda-b");
		SDL_Rect from = a->node_box[mra], to = a->node_box[mda];
		/* the gap between the two boxes, where the line must show */
		float fx = (float)from.x + (float)from.w / 2, fy = (float)from.y + (float)from.h / 2;
		float tx = (float)to.x + (float)to.w / 2, ty = (float)to.y + (float)to.h / 2;
		long hit = 0;
		uint32_t pop = render_topology_proto_color(PROTO_POP3);
		for (int i = 1; i < 40; i++) {
			float f = (float)i / 40;
			SDL_Point pt = { (int)(fx + (tx - fx) * f), (int)(fy + (ty - fy) * f) };
			if (SDL_PointInRect(&pt, &from) || SDL_PointInRect(&pt, &to))
				continue;
			SDL_Rect near = { pt.x - 6, pt.y - 6, 13, 13 };
			/* the line is drawn translucent: its colour's red over the region's blue */
			for (int y = near.y; y < near.y + near.h; y++)
				for (int x = near.x; x < near.x + near.w; x++) {
					uint32_t px = test_render_util_pixel(a, x, y);
					int r = (int)(px >> 24 & 0xFF), g = (int)(px >> 16 & 0xFF);
					hit += r > g + 60 && (pop >> 24 & 0xFF) > (pop >> 16 & 0xFF);
				}
		}
		cr_expect_gt(hit, 20, "config %zu: the POP3 line between the MRA and the mailbox server (%ld px)", c, hit);
		render_app_free(a);
	}
}
