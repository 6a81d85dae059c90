/* page_kinds.c - the theme page of each kind of job: which renderer makes
 * it (see impl.h). Personal pages and agreement pages are not theme
 * pages: plan.c's render_job makes them. */
#include "impl.h"

int render_job_page(const render_ctx *rc, const page_job *j, page *p, diag *d)
{
    static int (*const by_kind[])(const render_ctx *, const page_job *, page *, diag *) = {
        [PAGE_INDEX] = render_index,
        [PAGE_GUIDE] = render_guide,
        [PAGE_GUIDE_INDEX] = render_guide_index,
        [PAGE_KEYS] = render_keys,
        [PAGE_QUESTIONS] = render_questions,
        [PAGE_FORM] = render_form,
        [PAGE_FORM_INDEX] = render_form_index,
        [PAGE_SAMPLE] = render_sample,
        [PAGE_COUNTERSIGN] = render_countersign,
        [PAGE_PRIVATE_INDEX] = render_private_index,
        [PAGE_REVIEW] = render_review,
    };
    int before = d->errors + d->io_errors;
    if (by_kind[j->kind](rc, j, p, d) != 0) {
        if (d->errors + d->io_errors == before)
            diag_error(d, j->path, 0, "cannot render: out of memory");
        return -1;
    }
    return 0;
}
