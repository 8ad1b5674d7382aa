#include "contentinks.h"

#include <math.h>
#include <string.h>

#include "inks.h"

typedef enum { TOK_NUMBER, TOK_NAME, TOK_OTHER, TOK_OPERATOR } TokKind;

typedef struct {
    TokKind kind;
    size_t start, len;
    double value; /* TOK_NUMBER */
} Tok;

typedef struct {
    const char *s;
    size_t len, pos;
} Lexer;

static gboolean is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static gboolean is_delim(char c)
{
    return strchr("()<>[]{}/%", c) != NULL && c != '\0';
}

static void skip_string(Lexer *x)
{
    int depth = 0;
    for (; x->pos < x->len; x->pos++) {
        char c = x->s[x->pos];
        if (c == '\\')
            x->pos++;
        else if (c == '(')
            depth++;
        else if (c == ')' && --depth == 0) {
            x->pos++;
            return;
        }
    }
}

static void skip_regular(Lexer *x)
{
    while (x->pos < x->len && !is_space(x->s[x->pos]) && !is_delim(x->s[x->pos]))
        x->pos++;
}

/* The next token; FALSE at the end. Comments and whitespace are skipped. */
static gboolean next_token(Lexer *x, Tok *t)
{
    for (;;) {
        while (x->pos < x->len && is_space(x->s[x->pos]))
            x->pos++;
        if (x->pos < x->len && x->s[x->pos] == '%') {
            while (x->pos < x->len && x->s[x->pos] != '\n' && x->s[x->pos] != '\r')
                x->pos++;
            continue;
        }
        break;
    }
    if (x->pos >= x->len)
        return FALSE;
    t->start = x->pos;
    t->kind = TOK_OTHER;
    char c = x->s[x->pos];
    if (c == '(') {
        skip_string(x);
    } else if (c == '<' && x->pos + 1 < x->len && x->s[x->pos + 1] == '<') {
        x->pos += 2;
    } else if (c == '>' && x->pos + 1 < x->len && x->s[x->pos + 1] == '>') {
        x->pos += 2;
    } else if (c == '<') {
        while (x->pos < x->len && x->s[x->pos] != '>')
            x->pos++;
        x->pos++;
    } else if (strchr("[]{})>", c)) {
        x->pos++;
    } else if (c == '/') {
        x->pos++;
        skip_regular(x);
        t->kind = TOK_NAME;
    } else {
        skip_regular(x);
        char *end;
        char buf[64];
        size_t n = MIN(x->pos - t->start, sizeof buf - 1);
        memcpy(buf, x->s + t->start, n);
        buf[n] = '\0';
        t->value = g_ascii_strtod(buf, &end);
        gboolean numeric = n > 0 && *end == '\0' && strspn(buf, "+-.0123456789") == n;
        t->kind = numeric ? TOK_NUMBER : TOK_OPERATOR;
    }
    if (x->pos > x->len)
        x->pos = x->len;
    t->len = x->pos - t->start;
    return TRUE;
}

static gboolean tok_is(const Lexer *x, const Tok *t, const char *word)
{
    return t->len == strlen(word) && !memcmp(x->s + t->start, word, t->len);
}

/* Skips an inline image's data after ID: it ends at whitespace, "EI",
 * whitespace or the end (§8.9.7). */
static void skip_inline_data(Lexer *x)
{
    x->pos++; /* the one whitespace after ID */
    for (; x->pos + 2 <= x->len; x->pos++)
        if (is_space(x->s[x->pos - 1]) && x->s[x->pos] == 'E' && x->s[x->pos + 1] == 'I' &&
            (x->pos + 2 == x->len || is_space(x->s[x->pos + 2]))) {
            x->pos += 2;
            return;
        }
    x->pos = x->len;
}

static void append_number(GString *out, double v)
{
    char b[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(b, sizeof b, "%.4f", v);
    /* trailing zeros only make the stream longer */
    char *e = b + strlen(b) - 1;
    while (e > b && *e == '0')
        *e-- = '\0';
    if (*e == '.')
        *e = '\0';
    g_string_append(out, b);
    g_string_append_c(out, ' ');
}

/* The replacement of one `r g b rg|RG`, or FALSE if (r, g, b) is no ink. */
static gboolean ink_colour(GString *out, const GArray *inks, const Tok *ops, gboolean stroke,
                           const char *reg_name, gboolean *used_registration)
{
    guint8 key[3];
    for (int i = 0; i < 3; i++)
        key[i] = (guint8)lround(CLAMP(ops[i].value, 0, 1) * 255);
    const HkInk *k = hk_inks_find(inks, key[0], key[1], key[2]);
    if (!k)
        return FALSE;
    if (k->registration) {
        g_string_append_printf(out, "/%s %s 1 %s", reg_name, stroke ? "CS" : "cs",
                               stroke ? "SCN" : "scn");
        *used_registration = TRUE;
    } else {
        for (int i = 0; i < 4; i++)
            append_number(out, k->cmyk[i]);
        g_string_append(out, stroke ? "K" : "k");
    }
    return TRUE;
}

static gboolean rgb_space(const Lexer *x, const Tok *t)
{
    return t->kind == TOK_NAME &&
           (tok_is(x, t, "/DeviceRGB") || tok_is(x, t, "/RGB") || tok_is(x, t, "/CalRGB"));
}

GString *hk_content_to_inks(const char *data, size_t len, const GArray *inks, const char *reg_name,
                            gboolean *used_registration, char **why)
{
    Lexer x = {data, len, 0};
    GString *out = g_string_sized_new(len + 64);
    GArray *ops = g_array_new(FALSE, FALSE, sizeof(Tok)); /* operands since the last operator */
    size_t copied = 0;
    Tok t;
    *why = NULL;
    while (!*why && next_token(&x, &t)) {
        if (t.kind != TOK_OPERATOR) {
            g_array_append_val(ops, t);
            continue;
        }
        Tok *o = (Tok *)ops->data;
        gboolean fill = tok_is(&x, &t, "rg"), stroke = tok_is(&x, &t, "RG");
        if (fill || stroke) {
            if (ops->len != 3 || o[0].kind != TOK_NUMBER || o[1].kind != TOK_NUMBER ||
                o[2].kind != TOK_NUMBER) {
                *why = g_strdup("malformed rg/RG operator");
                break;
            }
            g_string_append_len(out, data + copied, o[0].start - copied);
            if (!ink_colour(out, inks, o, stroke, reg_name, used_registration))
                *why = g_strdup_printf("RGB colour %g %g %g is not one of the layout's inks",
                                       o[0].value, o[1].value, o[2].value);
            copied = t.start + t.len;
        } else if (tok_is(&x, &t, "cs") || tok_is(&x, &t, "CS")) {
            if (ops->len != 1 ||
                !(tok_is(&x, &o[0], "/DeviceCMYK") || tok_is(&x, &o[0], "/DeviceGray")))
                *why = g_strdup_printf("colour space %.*s is not allowed on press",
                                       ops->len ? (int)o[0].len : 0,
                                       ops->len ? data + o[0].start : "");
        } else if (tok_is(&x, &t, "ID")) {
            for (guint i = 0; i < ops->len && !*why; i++)
                if (rgb_space(&x, &o[i]))
                    *why = g_strdup("an inline image in RGB");
            skip_inline_data(&x);
        } else if (tok_is(&x, &t, "sh")) {
            *why = g_strdup("a shading (its colours are not inks)");
        }
        g_array_set_size(ops, 0);
    }
    g_array_unref(ops);
    if (*why) {
        g_string_free(out, TRUE);
        return NULL;
    }
    g_string_append_len(out, data + copied, len - copied);
    return out;
}
