/* paths.c - which pages a site has and where each goes (see impl.h): the
 * public pages' paths below public/, a person's link (their page's path,
 * its key in the fragment), and the file names among a person's sealed
 * pages. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "impl.h"
#include "seal.h"

const char *render_form_path(arena *ar, const char *agreement_id, party_role r)
{
    return arena_printf(ar, "forms/%s-%s.html", agreement_id, role_name(r));
}

const char *render_idp_path(arena *ar, const char *mentee)
{
    return arena_printf(ar, "forms/idp-%s.html", mentee);
}

const char *render_dashboard_part_path(arena *ar, size_t k)
{
    return arena_printf(ar, "dashboard/agreements-%zu.html", k + 1);
}

const char *render_forms_part_path(arena *ar, size_t k)
{
    return arena_printf(ar, "forms/agreements-%zu.html", k + 1);
}

const char *render_sample_path(arena *ar, const char *questionnaire_id)
{
    return arena_printf(ar, "sample/%s.html", questionnaire_id);
}

int render_has_countersign(const agreement_status *st)
{
    for (size_t i = 0; st && i < st->n_revs; i++)
        if (st->revs[i].bundle)
            return 1;
    return 0;
}

const char *render_countersign_path(arena *ar, const char *agreement_id)
{
    return arena_printf(ar, "countersign/%s.html", agreement_id);
}

int render_has_review(const agreement_status *st)
{
    const revision_view *cur = agreement_status_rev(st, st ? st->revision : 0);
    return st && st->state != AGS_SIGNED && cur && cur->mentee;
}

int render_has_personal(const content *c, size_t i)
{
    if (!c->has_secret)
        return 0;
    return c->people[i].n_agreements > 0;
}

const char *render_personal_path(const content *c, size_t i, arena *ar)
{
    char name[LINK_NAME_HEX + 1];
    link_name(c->secret, c->people[i].id, c->people[i].link_epoch, name);
    return arena_printf(ar, "public/p/%s.html", name);
}

int render_has_personal_idp(const content *c, size_t i)
{
    return c->people[i].is_mentee && c->program.idp_enabled && c->program.idp_questionnaire;
}

const char *render_personal_file(arena *ar, page_kind kind, size_t n)
{
    const char *what = kind == PAGE_COUNTERSIGN ? "countersign"
                       : kind == PAGE_REVIEW    ? "review"
                                                : "form";
    return arena_printf(ar, "%s-%zu.html", what, n);
}

const char *render_personal_mentee_idp(arena *ar, size_t n)
{
    return arena_printf(ar, "idp-%zu.html", n);
}

const idp_view *render_mentor_sees_idp(const render_ctx *rc, const agreement *ag, party_role role)
{
    if (role != ROLE_MENTOR || !rc->c->program.idp_shared)
        return NULL;
    return program_state_idp(rc->ps, ag->mentee);
}

const char *render_personal_agreement(arena *ar, size_t n, int r, const char *ext)
{
    return arena_printf(ar, "agreement-%zu-r%d.%s", n, r, ext);
}

const char *render_personal_link(const content *c, size_t i, arena *ar)
{
    if (!render_has_personal(c, i))
        return NULL;
    const person *who = &c->people[i];
    unsigned char key[LINK_KEY_BYTES];
    char frag[LINK_FRAGMENT_LEN];
    link_key(c->secret, who->id, who->link_epoch, key);
    link_fragment(key, frag);
    sodium_memzero(key, sizeof key);
    const char *link =
        arena_printf(ar, "%s#%s", render_personal_path(c, i, ar) + strlen("public/"), frag);
    sodium_memzero(frag, sizeof frag);
    return link;
}
