/* changed.c - what accord check and accord build say of an agreement whose
 * questionnaire was edited while a revision of it is open (content.h
 * agreement_questionnaire_changed): one warning at the agreement's line of
 * people.xml, saying what it means and how to move it to the new version. */
#include <string.h>

#include "impl.h"

/* The warning for agreement st (changed as qc says), in ar. */
static const char *change_words(const content *c, const agreement_status *st,
                                const questionnaire_change *qc, arena *ar)
{
    const revision_view *rev = agreement_status_rev(st, qc->revision);
    const answers *parts[2] = {rev->mentee, rev->mentor};
    int stale[2];
    for (int k = 0; k < 2; k++)
        stale[k] = parts[k] && strcmp(parts[k]->digest, qc->digest);
    int both = stale[ROLE_MENTEE] && stale[ROLE_MENTOR];
    const char *who = both ? "both parties" : stale[ROLE_MENTEE] ? "the mentee" : "the mentor";
    const char *means;
    if (both)
        means = "the agreement made of their answers says what they answered to those questions "
                "and can still be signed as it is";
    else if (parts[ROLE_MENTEE] && parts[ROLE_MENTOR])
        means = "the other party answered the new version, so no agreement can be made of the two";
    else if (stale[ROLE_MENTEE])
        means = "the mentor's review page still uses those questions, so the mentor's answers "
                "will fit the mentee's";
    else
        means = "the mentee's form asks the new version, so the two answers will not make an "
                "agreement";
    return arena_printf(
        ar,
        "agreement %s: %s answered questionnaire %s as it was before it changed (digest %.12s, "
        "today %.12s; answers of %s); %s. To move it to the new version, %s answer%s the new "
        "form%s again (\"Use prior answers\" takes the bundle they signed and lists what no "
        "longer fits) and sign%s, then you remove the old bundles of revision %d from %s/bundles",
        st->ag->id, who, st->ag->questionnaire, qc->answered_digest, qc->digest, qc->since, means,
        both ? "both" : who, both ? "" : "s", both ? "s" : "", both ? "" : "s", qc->revision,
        c->dir);
}

int warn_questionnaire_changes(const content *c, const program_state *ps, diag *d)
{
    int n = 0;
    arena ar = ARENA_INIT;
    const char *people = arena_printf(&ar, "%s/people.xml", c->dir);
    const effective **effectives = effective_build_all(c, &ar);
    for (size_t i = 0; i < ps->n; i++) {
        questionnaire_change qc;
        const agreement_status *st = &ps->agreements[i];
        if (!agreement_questionnaire_changed(c, effectives, st, &qc))
            continue;
        diag_warn(d, people, st->ag->line, "%s", change_words(c, st, &qc, &ar));
        n++;
    }
    arena_release(&ar);
    return n;
}

int answers_check_signable(const content *c, const bundle_set *bs, const answers *a, arena *ar,
                           effective *eff, diag *d)
{
    const agreement *ag = a->agreement ? content_agreement(c, a->agreement) : NULL;
    const revision_view *rev =
        ag && bs ? revision_answered_with(program_state_find(&bs->state, ag->id), a) : NULL;
    if (!rev) {
        if (answers_check(c, a, ar, NULL, d) != 0)
            return -1;
        if (effective_build(c, ag, ar, eff) == 0)
            return 0;
        diag_error(d, a->file, a->line, "the content has no questionnaire for these answers");
        return -1;
    }
    *eff = (effective){.q = rev->snapshot,
                       .xml = (unsigned char *)rev->snapshot_xml,
                       .xml_len = rev->snapshot_len};
    memcpy(eff->digest, rev->questionnaire_digest, sizeof eff->digest);
    if (answers_check_with(c, a, eff, d) != 0)
        return -1;
    diag_say("%s: answers to revision %d of %s, whose answers in %s/bundles were given before "
             "questionnaire %s changed: checked against the questions they were given to",
             a->file, a->revision, ag->id, c->dir, ag->questionnaire);
    return 0;
}
