/* test_review_date.c - the next review date of an agreement :
 * created + review-months, calendar months, same day, clamped to the end of
 * a shorter month. */
#include <string.h>

#include "check.h"
#include "render.h"

static int is(arena *ar, const char *created, int months, const char *want)
{
    char out[11];
    (void)ar;
    agreement_review_date(created, months, out);
    return !strcmp(out, want);
}

int main(void)
{
    arena ar = ARENA_INIT;
    CHECK(is(&ar, "2026-03-05T10:00:00Z", 12, "2027-03-05"), "12 months: same day a year on");
    CHECK(is(&ar, "2026-03-05T10:00:00Z", 6, "2026-09-05"), "6 months");
    CHECK(is(&ar, "2026-09-20T10:05:00Z", 6, "2027-03-20"), "across the new year");
    CHECK(is(&ar, "2026-08-31T00:00:00Z", 6, "2027-02-28"), "31 August + 6: end of February");
    CHECK(is(&ar, "2027-08-31T00:00:00Z", 6, "2028-02-29"), "into a leap February");
    CHECK(is(&ar, "2028-02-29T12:00:00Z", 12, "2029-02-28"), "29 February + 12: the 28th");
    CHECK(is(&ar, "2026-05-31T00:00:00Z", 7, "2026-12-31"), "31 May + 7: 31 December");
    CHECK(is(&ar, "2026-12-15T00:00:00Z", 12, "2027-12-15"), "December + 12 stays December");
    CHECK(is(&ar, "garbage", 12, "?"), "a malformed time gives no date");
    arena_release(&ar);
    return CHECK_DONE();
}
