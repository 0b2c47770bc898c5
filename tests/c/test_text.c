/* test_text.c — lede_text_repair: raw bytes to stored text (BOM, invalid
 * UTF-8, NUL and binary refusal, NFC) and the NFC fast path. */
#include "load.h"
#include "load_check.h"

#include <stdlib.h>
#include <utf8proc.h>

/* Warnings collected from one repair. */
typedef struct warns {
    int n;
    uint64_t offset[160];
    char message[160][128];
} warns;

static void collect(void *ud, uint64_t offset, const char *message)
{
    warns *w = ud;
    if (w->n < 160) {
        w->offset[w->n] = offset;
        snprintf(w->message[w->n], sizeof w->message[0], "%s", message);
    }
    w->n++;
}

/* Repair raw (a string literal, possibly with embedded bytes), expecting
 * success and exactly `want`; warnings land in *w. */
#define REPAIR_OK(raw, want, w)                                                             \
    do {                                                                                    \
        char *out_;                                                                         \
        size_t out_len_;                                                                    \
        lede_error err_ = {0};                                                              \
        memset((w), 0, sizeof *(w));                                                        \
        int rc_ = lede_text_repair(raw, sizeof(raw) - 1, "t", &out_, &out_len_, collect, (w), \
                                   &err_);                                                  \
        CHECK_INT(rc_, LEDE_OK);                                                            \
        if (rc_ == LEDE_OK) {                                                               \
            CHECK_MEM(out_, out_len_, want, sizeof(want) - 1);                              \
            CHECK_INT(out_[out_len_], 0);                                                   \
        } else {                                                                            \
            fprintf(stderr, "  error: %s\n", err_.message);                                 \
        }                                                                                   \
        free(out_);                                                                         \
    } while (0)

/* Repair raw expecting failure with `code` and exactly `message`. */
#define REPAIR_FAILS(raw, want_code, msg)                                                          \
    do {                                                                                      \
        char *out_ = (char *)1;                                                               \
        size_t out_len_;                                                                      \
        lede_error err_ = {0};                                                                \
        int rc_ = lede_text_repair(raw, sizeof(raw) - 1, "snippet.txt", &out_, &out_len_, NULL, \
                                   NULL, &err_);                                              \
        CHECK_INT(rc_, want_code);                                                              \
        CHECK_INT(err_.code, want_code);                                                          \
        CHECK_STR(err_.message, msg);                                                         \
        CHECK(out_ == NULL);                                                                  \
    } while (0)

static void test_plain_text_is_kept(void)
{
    warns w;
    REPAIR_OK("The minister said: \"No.\"\n", "The minister said: \"No.\"\n", &w);
    CHECK_INT(w.n, 0);
    /* CR LF stays as it is: the tokenizer treats CR as white space. */
    REPAIR_OK("Line one.\r\n\r\nLine two.\r\n", "Line one.\r\n\r\nLine two.\r\n", &w);
    CHECK_INT(w.n, 0);
    /* Tabs, form feeds and valid non-ASCII text pass untouched. */
    REPAIR_OK("\xC2\xA3" "5\tRussia\xE2\x80\x99s \xE5\x8C\x97\xE4\xBA\xAC\f\xF0\x9F\x98\x80",
              "\xC2\xA3" "5\tRussia\xE2\x80\x99s \xE5\x8C\x97\xE4\xBA\xAC\f\xF0\x9F\x98\x80", &w);
    CHECK_INT(w.n, 0);
    REPAIR_OK("", "", &w);
    CHECK_INT(w.n, 0);
}

static void test_bom_is_dropped(void)
{
    warns w;
    REPAIR_OK("\xEF\xBB\xBFHeadline\r\n", "Headline\r\n", &w);
    CHECK_INT(w.n, 1);
    CHECK_INT(w.offset[0], 0);
    CHECK_STR(w.message[0], "UTF-8 byte order mark dropped");
    /* Only at the start: elsewhere U+FEFF is a character like any other. */
    REPAIR_OK("a\xEF\xBB\xBF" "b", "a\xEF\xBB\xBF" "b", &w);
    CHECK_INT(w.n, 0);
}

static void test_invalid_utf8_is_replaced(void)
{
    warns w;
    /* A Latin-1 pound sign, as in the BBC corpus's sport/199.txt. */
    REPAIR_OK("paid a \xA3" "15.8m fee", "paid a \xEF\xBF\xBD" "15.8m fee", &w);
    CHECK_INT(w.n, 1);
    CHECK_INT(w.offset[0], 7);
    CHECK_STR(w.message[0], "invalid UTF-8 byte 0xA3 replaced by U+FFFD");

    /* A truncated three-byte sequence is one maximal subpart: one U+FFFD. */
    REPAIR_OK("a\xE2\x80" "b", "a\xEF\xBF\xBD" "b", &w);
    CHECK_INT(w.n, 1);
    CHECK_INT(w.offset[0], 1);
    CHECK_STR(w.message[0], "invalid UTF-8 bytes 0xE2 0x80 replaced by U+FFFD");

    /* Unicode's own example (§3.9, Table 3-8): 61 F1 80 80 E1 80 C2 62 80 63
     * 80 BF 64 gives a, FFFD, FFFD, FFFD, b, FFFD, c, FFFD, FFFD, d. Forty
     * bytes of text go first so that nine bad bytes do not look binary. */
#define PAD40 "The example of Unicode's table 3-8 is: ["
    REPAIR_OK(PAD40 "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
              PAD40 "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD" "d",
              &w);
    CHECK_INT(sizeof PAD40 - 1, 40);
    CHECK_INT(w.n, 6);
    CHECK_INT(w.offset[0], 41);
    CHECK_STR(w.message[0], "invalid UTF-8 bytes 0xF1 0x80 0x80 replaced by U+FFFD");
    CHECK_INT(w.offset[1], 44);
    CHECK_STR(w.message[1], "invalid UTF-8 bytes 0xE1 0x80 replaced by U+FFFD");
    CHECK_INT(w.offset[2], 46);
    CHECK_INT(w.offset[3], 48);
    CHECK_INT(w.offset[4], 50);
    CHECK_INT(w.offset[5], 51);

    /* Surrogates and overlong forms are ill-formed byte by byte. */
    REPAIR_OK("x\xED\xA0\x80", "x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", &w);
    CHECK_INT(w.n, 3);
    REPAIR_OK("x\xC0\xAF", "x\xEF\xBF\xBD\xEF\xBF\xBD", &w);
    CHECK_INT(w.n, 2);
    /* A sequence cut off by the end of the text. */
    REPAIR_OK("end\xF0\x9F\x98", "end\xEF\xBF\xBD", &w);
    CHECK_INT(w.n, 1);
    CHECK_INT(w.offset[0], 3);

    /* Offsets count the BOM: they are offsets in the input. */
    REPAIR_OK("\xEF\xBB\xBF" "caf\xE9", "caf\xEF\xBF\xBD", &w);
    CHECK_INT(w.n, 2);
    CHECK_INT(w.offset[1], 6);
}

static void test_invalid_warnings_are_capped(void)
{
    /* 150 stray bytes in 1,500 bytes of text: too few for binary, so
     * replaced; 100 warnings listed, then one for the other 50. */
    char raw[1501];
    for (int i = 0; i < 1500; i++) raw[i] = i % 10 == 9 ? '\xA3' : 'a';
    raw[1500] = '\0';
    warns w = {0};
    char *out;
    size_t out_len;
    lede_error err;
    CHECK_INT(lede_text_repair(raw, 1500, "t", &out, &out_len, collect, &w, &err), LEDE_OK);
    CHECK_INT(out_len, 1350 + 150 * 3);
    CHECK_INT(w.n, 101);
    CHECK_INT(w.offset[99], 999);
    CHECK_INT(w.offset[100], 1009);
    CHECK_STR(w.message[100], "50 more invalid UTF-8 sequences replaced by U+FFFD (not listed)");
    free(out);
}

static void test_nul_and_binary_are_refused(void)
{
    REPAIR_FAILS("abc\0def", LEDE_ERR_FORMAT,
                 "snippet.txt: byte 3: NUL byte; binary files are refused");
    /* 12 control bytes in 16: binary. */
    REPAIR_FAILS("\x01\x02\x03\x04\x05\x06\x07\x08text\x0e\x0f\x10\x11", LEDE_ERR_FORMAT,
                 "snippet.txt: not text: 12 of the first 16 bytes are control characters or "
                 "invalid UTF-8; binary files are refused");
    /* Mostly invalid UTF-8 (a Latin-1 encoded Greek text would look so). */
    REPAIR_FAILS("\xC5\xED\xE1 \xE4\xFD\xEF", LEDE_ERR_FORMAT,
                 "snippet.txt: not text: 6 of the first 7 bytes are control characters or "
                 "invalid UTF-8; binary files are refused");
    /* Three bad bytes are never enough, whatever the share. */
    warns w;
    REPAIR_OK("\x01\x02\xA3", "\x01\x02\xEF\xBF\xBD", &w);
    CHECK_INT(w.n, 1);
}

static void test_nfc(void)
{
    warns w;
    /* NFD input (e + combining acute), as macOS file names and some CMSs
     * produce; the warning points at the starter that changes. */
    REPAIR_OK("Cafe\xCC\x81 owner", "Caf\xC3\xA9 owner", &w);
    CHECK_INT(w.n, 1);
    CHECK_INT(w.offset[0], 3);
    CHECK_STR(w.message[0],
              "text normalized to Unicode NFC from here on; stored offsets map back to the input's with lede_doc_source_offset");
    /* Hangul jamo compose algorithmically. */
    REPAIR_OK("\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80", &w);
    CHECK_INT(w.n, 1);
    CHECK_INT(w.offset[0], 0);
    /* A singleton: U+212B ANGSTROM SIGN becomes U+00C5. */
    REPAIR_OK("10 \xE2\x84\xAB", "10 \xC3\x85", &w);
    CHECK_INT(w.offset[0], 2);
    /* Bengali vowel signs compose though both have combining class 0. */
    REPAIR_OK("\xE0\xA6\x95\xE0\xA7\x87\xE0\xA6\xBE", "\xE0\xA6\x95\xE0\xA7\x8B", &w);
    CHECK_INT(w.n, 1);
    /* Marks out of canonical order are reordered (dot below, 220, before
     * circumflex, 230). */
    REPAIR_OK("q\xCC\x82\xCC\xA3", "q\xCC\xA3\xCC\x82", &w);
    CHECK_INT(w.n, 1);
    /* Combining marks already in NFC: utf8proc runs, nothing changes, no
     * warning. */
    REPAIR_OK("\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7", "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7", &w);
    CHECK_INT(w.n, 0);
    /* Precomposed letters are already NFC. */
    REPAIR_OK("Jos\xC3\xA9 M\xC3\xBCller", "Jos\xC3\xA9 M\xC3\xBCller", &w);
    CHECK_INT(w.n, 0);
}

/* Every code point the fast path lets through must be its own NFC. */
static void test_nfc_inert_is_safe(void)
{
    long inert = 0, wrong = 0;
    for (int32_t cp = 0; cp < 0x110000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        if (!lede_nfc_inert(cp)) continue;
        inert++;
        const utf8proc_property_t *p = utf8proc_get_property(cp);
        if (p->combining_class != 0) wrong++;
        if (p->decomp_seqindex == UINT16_MAX) continue; /* NFC cannot change it alone */
        utf8proc_uint8_t in[8];
        utf8proc_ssize_t n = utf8proc_encode_char(cp, in);
        utf8proc_uint8_t *out = NULL;
        utf8proc_ssize_t m = utf8proc_map(in, n, &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (m != n || memcmp(in, out, (size_t)n) != 0) {
            if (wrong < 5) fprintf(stderr, "  U+%04X is not its own NFC\n", (unsigned)cp);
            wrong++;
        }
        free(out);
    }
    CHECK_INT(wrong, 0);
    CHECK(inert > 1000000);
    /* Second halves of compositions are never inert; first halves are. */
    CHECK(!lede_nfc_inert(0x0301)); /* combining acute */
    CHECK(!lede_nfc_inert(0x09BE)); /* Bengali AA, class 0 */
    CHECK(!lede_nfc_inert(0x1161)); /* Hangul vowel A */
    CHECK(!lede_nfc_inert(0x11A8)); /* Hangul final KIYEOK */
    CHECK(!lede_nfc_inert(0x212B)); /* singleton */
    CHECK(!lede_nfc_inert(0x0F73)); /* decomposes to non-starters */
    CHECK(!lede_nfc_inert(0x0958)); /* composition exclusion */
    CHECK(lede_nfc_inert(0x00E9));
    CHECK(lede_nfc_inert(0x00FC));
    CHECK(lede_nfc_inert(0xAC00));
    CHECK(lede_nfc_inert(0xFFFD));
}

#define UCD "/usr/share/unicode/"

/* The Unicode Consortium's NFC_Quick_Check (DerivedNormalizationProps.txt,
 * Debian's unicode-data): no code point with NFC_QC No or Maybe is inert. */
static void test_nfc_inert_against_ucd(void)
{
    FILE *f = fopen(UCD "DerivedNormalizationProps.txt", "r");
    if (!f) {
        fprintf(stderr, "note: " UCD "DerivedNormalizationProps.txt missing, NFC_QC check skipped\n");
        return;
    }
    char line[512];
    long listed = 0, wrong = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned lo, hi;
        char qc;
        int n = sscanf(line, "%x..%x ; NFC_QC; %c", &lo, &hi, &qc);
        if (n != 3) {
            if (sscanf(line, "%x ; NFC_QC; %c", &lo, &qc) != 2) continue;
            hi = lo;
        }
        for (unsigned cp = lo; cp <= hi; cp++) {
            listed++;
            if (lede_nfc_inert((int32_t)cp)) {
                if (wrong < 5) fprintf(stderr, "  U+%04X has NFC_QC=%c but is inert\n", cp, qc);
                wrong++;
            }
        }
    }
    fclose(f);
    CHECK_INT(wrong, 0);
    CHECK(listed > 1000);
}

/* Parse "0044 0307" into UTF-8 at out; returns its length. */
static size_t ucd_utf8(const char *field, char *out)
{
    size_t n = 0;
    const char *p = field;
    char *end;
    for (;;) {
        unsigned long cp = strtoul(p, &end, 16);
        if (end == p) break;
        n += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out + n);
        p = end;
    }
    out[n] = '\0';
    return n;
}

/* Unicode's NormalizationTest.txt: the stored text of c1, c2 and c3 is c2,
 * of c4 and c5 is c4, through the fast path or utf8proc alike. */
static void test_nfc_against_normalization_test(void)
{
    FILE *f = popen("bzcat " UCD "NormalizationTest.txt.bz2 2>/dev/null", "r");
    if (!f) return;
    char line[2048];
    long cases = 0, wrong = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '@') continue;
        char c[5][512];
        size_t len[5];
        char *p = line;
        int k = 0;
        for (; k < 5; k++) {
            char *semi = strchr(p, ';');
            if (!semi) break;
            *semi = '\0';
            len[k] = ucd_utf8(p, c[k]);
            p = semi + 1;
        }
        if (k < 5) continue;
        static const int want[5] = {1, 1, 1, 3, 3};
        for (int i = 0; i < 5; i++) {
            if (len[i] >= 3 && memcmp(c[i], "\xEF\xBB\xBF", 3) == 0) continue; /* a BOM */
            char *out;
            size_t out_len;
            lede_error err;
            lede_offset_map map = {0};
            int rc = lede_text_repair_mapped(c[i], len[i], "t", &out, &out_len, &map, NULL, NULL, &err);
            cases++;
            /* the end of the stored text is the end of the input */
            size_t end = rc == LEDE_OK ? lede_offset_map_source(map.v, map.n, out_len) : 0;
            lede_offset_map_free(&map);
            if (rc != LEDE_OK || out_len != len[want[i]] || memcmp(out, c[want[i]], out_len) != 0 ||
                end != len[i]) {
                if (wrong < 5) fprintf(stderr, "  NormalizationTest: c%d of %s\n", i + 1, line);
                wrong++;
            }
            free(out);
        }
    }
    pclose(f);
    if (cases == 0) /* bootstrap installs unicode-data and bzip2: a missing file is a failure */
        fprintf(stderr, "  " UCD "NormalizationTest.txt.bz2 unreadable (unicode-data, bzip2)\n");
    CHECK_INT(wrong, 0);
    CHECK(cases > 90000);
}

/* Stored offsets map back to the input's across a dropped BOM, a
 * composed é (e + U+0301, 3 bytes, becomes 2) and an invalid byte (1 byte
 * becomes U+FFFD, 3). Input bytes:  BOM 0-2, C 3, a 4, f 5, e 6, U+0301 7-8,
 * space 9, 0xA3 10, '5' 11, space 12, x 13 (14 bytes). Stored: C 0, a 1,
 * f 2, é 3-4, space 5, U+FFFD 6-8, '5' 9, space 10, x 11 (12 bytes). */
static void test_source_offsets(void)
{
    static const char raw[] = "\xEF\xBB\xBF" "Cafe\xCC\x81 \xA3" "5 x";
    char *out;
    size_t out_len;
    lede_offset_map map = {0};
    lede_error err;
    CHECK_INT(lede_text_repair_mapped(raw, sizeof raw - 1, "t", &out, &out_len, &map, NULL, NULL, &err),
              LEDE_OK);
    CHECK_INT(out_len, 12);
    CHECK(memcmp(out, "Caf\xC3\xA9 \xEF\xBF\xBD" "5 x", 12) == 0);
    static const size_t stored[] = {0, 1, 2, 3, 5, 6, 9, 10, 11, 12};
    static const size_t source[] = {3, 4, 5, 6, 9, 10, 11, 12, 13, 14};
    for (size_t k = 0; k < sizeof stored / sizeof stored[0]; k++)
        CHECK_INT(lede_offset_map_source(map.v, map.n, stored[k]), source[k]);
    lede_offset_map_free(&map);
    free(out);

    /* through a document: same answers; clean text has no map at all */
    lede_doc *doc;
    CHECK_INT(lede_doc_new(raw, sizeof raw - 1, NULL, &doc, &err), LEDE_OK);
    CHECK_INT(lede_doc_source_offset(doc, 9), 11);
    CHECK_INT(lede_doc_source_offset(doc, 99), 14); /* clamped to the end */
    lede_doc_free(doc);
    CHECK_INT(lede_doc_new("plain", 5, NULL, &doc, &err), LEDE_OK);
    CHECK_INT(lede_doc_source_offset(doc, 3), 3);
    lede_doc_free(doc);
}

int main(void)
{
    test_source_offsets();
    test_plain_text_is_kept();
    test_bom_is_dropped();
    test_invalid_utf8_is_replaced();
    test_invalid_warnings_are_capped();
    test_nul_and_binary_are_refused();
    test_nfc();
    test_nfc_inert_is_safe();
    test_nfc_inert_against_ucd();
    test_nfc_against_normalization_test();
    CHECK_DONE();
}
