"""Synthetic training/validation data for the MarkSight embedding: marks (non-brand icons from the
@iconify/json pool, random wordmarks, procedural shapes) and photo-like composites of them.

clean view  : the mark flattened onto white and letterboxed into a square (what the gallery looks like)
photo view  : the mark on a textured / product-like / cluttered background, 10-90 % of the frame, rotated,
              perspective-warped, recoloured (incl. inverted, single colour, low-contrast emboss), lit,
              blurred, noised, JPEG-compressed, partly occluded; letterboxed onto white like the engine does.
"""
import glob
import io
import json
import math
import os
import random

import numpy as np

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

# share of composites whose mark is small (12-30 % of the frame's short side); the shipped weights used 0.15
SMALL_SHARE = float(os.environ.get('SYNTH_SMALL_SHARE', '0.15'))
# a small mark's long side spans SMALL_MIN to 0.3 of the frame's short side
SMALL_MIN = float(os.environ.get('SYNTH_SMALL_MIN', '0.12'))
# share of (black) pool icons given logo-like colours, and of icons set beside a wordmark (a lockup);
# the pool's icons are drawn black while recorded marks are mostly coloured. Defaults (0) = the first two training legs; the third leg of the shipped weights used 0.6 and 0.15 (build.sh).
LOGO_COLOUR_SHARE = float(os.environ.get('SYNTH_LOGO_COLOUR_SHARE', '0'))
LOCKUP_SHARE = float(os.environ.get('SYNTH_LOCKUP_SHARE', '0'))
# share of composites shown as the engine sees a proposed region: a small mark (40-130 px) cut out with a margin
# and enlarged to the input size (soft, blocky detail, not a small mark in a big frame). Shipped third leg: 0.25.
REGION_CROP_SHARE = float(os.environ.get('SYNTH_REGION_CROP_SHARE', '0'))
# 0..1: share of backgrounds (x 10 %, taken from the colourful-photo slot) that are printed / woven patterns
# (stripes, checks, dots); on val the embedding matched bold stripes to stripe-like marks. Shipped third leg: 1.
PATTERN_SHARE = float(os.environ.get('SYNTH_PATTERN_SHARE', '0'))
# extra share of backgrounds drawn as patterns before the usual draw: after four legs, most easy val misses were marks
# on bold stripes, and even cut out they embedded poorly. Default 0 draws nothing, so earlier legs' data is unchanged
# (a fifth leg used 0.15 for 67 min: stripes up, other surfaces down; not shipped, model card).
PATTERN_EXTRA = float(os.environ.get('SYNTH_PATTERN_EXTRA', '0'))
# hard-photo conditions the first three legs under-drew (bench hard R@1: embossed 0.04, occluded 0.07, low contrast
# 0.07). EMBOSS_SHARE of marks are pressed into the surface (light and shadow only, no ink); OCCLUDER_SHARE of
# occlusions become a strap, a price sticker or a thumb covering up to 40 % of the mark; LOW_CONTRAST_MIN is the
# least ink-vs-surface difference of low-contrast recolours. Defaults = the first three legs (no change).
EMBOSS_SHARE = float(os.environ.get('SYNTH_EMBOSS_SHARE', '0'))
OCCLUSION_RATE = float(os.environ.get('SYNTH_OCCLUSION_RATE', '0.25'))
OCCLUDER_SHARE = float(os.environ.get('SYNTH_OCCLUDER_SHARE', '0'))
LOW_CONTRAST_MIN = float(os.environ.get('SYNTH_LOW_CONTRAST_MIN', '25'))
# extra share of recolours made low contrast before the usual draw (which gives ~10 %); bench hard R@1 on faint
# prints stayed at 0.07 after the fourth leg. Default 0 draws nothing, so earlier legs' data is unchanged.
LOW_CONTRAST_EXTRA = float(os.environ.get('SYNTH_LOW_CONTRAST_EXTRA', '0'))
# share of composites shot in harsh conditions, each of these on or off at random: a tilted view (one side
# foreshortened by 10-45 %), a deep shadow across the frame (down to 30 % light), heavy noise, strong blur, JPEG
# quality 12-40. The first three legs' ranges stopped short of these (corner jitter <= 18 %, JPEG >= 25).
HARSH_SHARE = float(os.environ.get('SYNTH_HARSH_SHARE', '0'))
# share of composites whose mark is on goods rather than flat print: wrapped round a bottle or can (squeezed to the
# sides, shaded, a highlight band), creased with the cloth it is printed on, struck in metal (a chrome or gold badge
# with lit rims) or worn (ink rubbed off in patches and scratches). After seven legs the real photos' misses were
# mostly such goods (car badges, bottles, clothing). Default 0 draws nothing, so earlier legs' data is unchanged.
GOODS_SHARE = float(os.environ.get('SYNTH_GOODS_SHARE', '0'))

HERE = os.path.dirname(os.path.abspath(__file__))
POOL = os.path.join(os.path.dirname(HERE), '.work', 'pool')

VAL_FONT_HINTS = ('Cantarell', 'ComicNeue', 'Carlito', 'LinBiolinum')  # held out for validation wordmarks


def list_fonts(split):
    files = sorted(set(glob.glob('/usr/share/fonts/**/*.ttf', recursive=True) + glob.glob('/usr/share/fonts/**/*.otf', recursive=True)))
    files = [f for f in files if not any(b in f for b in ('Symbol', 'D050000L', 'Dingbat', 'Math', 'Emoji', 'opens___'))]
    val = [f for f in files if any(h in f for h in VAL_FONT_HINTS)]
    train = [f for f in files if f not in val]
    return val if split == 'val' else train


class IconPool:
    def __init__(self, name):
        self.index = json.load(open(os.path.join(POOL, name + '.json')))
        self.blob = open(os.path.join(POOL, name + '.bin'), 'rb').read()

    def __len__(self):
        return len(self.index)

    def get(self, i):
        e = self.index[i]
        return Image.open(io.BytesIO(self.blob[e['off']:e['off'] + e['len']])).convert('RGBA')


SYL_C = 'bcdfghjklmnprstvwxzqy'
SYL_V = 'aeiouy'


def random_word(rng):
    n = rng.randint(1, 4)
    w = ''
    for _ in range(n):
        if rng.random() < 0.8:
            w += rng.choice(SYL_C)
        w += rng.choice(SYL_V)
        if rng.random() < 0.3:
            w += rng.choice(SYL_C)
    if rng.random() < 0.15:
        w += rng.choice(['', ' ', '-', '&']) + ''.join(rng.choice('ABCDEFGHKLMNPRSTXZ0123456789') for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.1:
        w = w + ' ' + random_word(rng) if len(w) < 8 else w
    mode = rng.random()
    if mode < 0.35:
        w = w.upper()
    elif mode < 0.75:
        w = w.capitalize()
    return w[:14]


def tight(im):
    bb = im.getchannel('A').point(lambda a: 255 if a > 20 else 0).getbbox()
    return im.crop(bb) if bb else im


def render_wordmark(rng, fonts, size=192):
    """Random text in a random font, sometimes with a simple badge shape; RGBA on transparent, square."""
    font = ImageFont.truetype(rng.choice(fonts), 96)
    text = random_word(rng)
    col = (0, 0, 0, 255) if rng.random() < 0.6 else tuple(rng.randint(0, 200) for _ in range(3)) + (255,)
    tmp = Image.new('RGBA', (96 * 16, 200), (0, 0, 0, 0))
    d = ImageDraw.Draw(tmp)
    d.text((20, 20), text, font=font, fill=col)
    im = tight(tmp)
    if im.width < 4 or im.height < 4:
        im = tight(Image.new('RGBA', (50, 50), col))
    if rng.random() < 0.25:  # badge: box / ellipse / underline around the text
        pad = int(0.15 * im.height) + 4
        w, h = im.width + 2 * pad, im.height + 2 * pad
        badge = Image.new('RGBA', (w, h), (0, 0, 0, 0))
        bd = ImageDraw.Draw(badge)
        kind = rng.random()
        lw = max(2, h // 14)
        if kind < 0.4:
            bd.rectangle([0, 0, w - 1, h - 1], outline=col, width=lw)
        elif kind < 0.7:
            bd.rounded_rectangle([0, 0, w - 1, h - 1], radius=h // 3, fill=col)
            im = Image.merge('RGBA', (*Image.new('RGB', im.size, (255, 255, 255)).split(), im.getchannel('A')))
        else:
            bd.line([pad, h - lw, w - pad, h - lw], fill=col, width=lw)
        badge.alpha_composite(im, (pad, pad))
        im = badge
    return fit_square(im, size, margin=0.04)


def render_shape(rng, size=192):
    """Procedural shapes: polygons, stars, rings, overlapping combos, letters-like strokes."""
    S = 384
    im = Image.new('RGBA', (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    ncol = rng.choice([1, 1, 2, 3])
    cols = [(0, 0, 0, 255)] + [tuple(rng.randint(0, 230) for _ in range(3)) + (255,) for _ in range(3)]
    if rng.random() < 0.5:
        cols = [tuple(rng.randint(0, 230) for _ in range(3)) + (255,) for _ in range(4)]
    for k in range(rng.randint(1, 4)):
        col = cols[k % ncol]
        cx, cy = rng.uniform(0.3, 0.7) * S, rng.uniform(0.3, 0.7) * S
        r = rng.uniform(0.15, 0.45) * S
        t = rng.random()
        if t < 0.3:
            n = rng.randint(3, 8)
            ph = rng.uniform(0, 2 * math.pi)
            pts = [(cx + r * math.cos(ph + 2 * math.pi * i / n), cy + r * math.sin(ph + 2 * math.pi * i / n)) for i in range(n)]
            d.polygon(pts, fill=col if rng.random() < 0.7 else None, outline=col, width=rng.randint(6, 30))
        elif t < 0.5:
            n = rng.randint(4, 9)
            ph = rng.uniform(0, 2 * math.pi)
            ri = r * rng.uniform(0.3, 0.7)
            pts = [(cx + (r if i % 2 == 0 else ri) * math.cos(ph + math.pi * i / n), cy + (r if i % 2 == 0 else ri) * math.sin(ph + math.pi * i / n)) for i in range(2 * n)]
            d.polygon(pts, fill=col)
        elif t < 0.7:
            w = rng.randint(8, 50)
            d.ellipse([cx - r, cy - r * rng.uniform(0.5, 1), cx + r, cy + r], outline=col, width=w) if rng.random() < 0.6 else d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=col)
        elif t < 0.85:
            pts = [(rng.uniform(0.1, 0.9) * S, rng.uniform(0.1, 0.9) * S) for _ in range(rng.randint(2, 5))]
            d.line(pts, fill=col, width=rng.randint(12, 45), joint='curve')
        else:
            a0 = rng.uniform(0, 360)
            d.pieslice([cx - r, cy - r, cx + r, cy + r], a0, a0 + rng.uniform(60, 300), fill=col)
    if rng.random() < 0.3:  # cut-out
        r = rng.uniform(0.05, 0.2) * S
        cx, cy = rng.uniform(0.3, 0.7) * S, rng.uniform(0.3, 0.7) * S
        hole = Image.new('L', (S, S), 255)
        ImageDraw.Draw(hole).ellipse([cx - r, cy - r, cx + r, cy + r], fill=0)
        im.putalpha(ImageChops.multiply(im.getchannel('A'), hole))
    im = tight(im)
    if im.width < 4 or im.height < 4:
        im = Image.new('RGBA', (64, 64), (0, 0, 0, 255))
    return fit_square(im, size, margin=0.04)


def brand_colour(rng):
    """A saturated or dark colour, as brand palettes mostly are."""
    h, sat, v = rng.random(), rng.uniform(0.45, 1.0), rng.uniform(0.3, 0.95)
    if rng.random() < 0.15:
        sat = 0.0
    i, f = int(h * 6) % 6, h * 6 - int(h * 6)
    p, q, t = v * (1 - sat), v * (1 - f * sat), v * (1 - (1 - f) * sat)
    r, g, b = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)][i]
    return (int(r * 255), int(g * 255), int(b * 255))


def logo_colour(rng, im):
    """Colour a black RGBA icon like a logo: one brand colour, two or more colours split by a line or
    by sectors around its centre, or a white glyph on a coloured app-icon tile."""
    a = np.asarray(im.getchannel('A'))
    h, w = a.shape
    t = rng.random()
    if t < 0.45:
        return Image.merge('RGBA', (*Image.new('RGB', im.size, brand_colour(rng)).split(), im.getchannel('A')))
    if t < 0.8:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        cy, cx = (yy * a).sum() / max(1, a.sum()), (xx * a).sum() / max(1, a.sum())
        k = rng.choice([2, 2, 3, 4])
        if k == 2:  # half-planes through the centre
            th = rng.uniform(0, math.pi)
            part = ((xx - cx) * math.cos(th) + (yy - cy) * math.sin(th) > 0).astype(np.int64)
        else:  # sectors
            ang = np.arctan2(yy - cy, xx - cx)
            part = (((ang + math.pi + rng.uniform(0, 2 * math.pi)) % (2 * math.pi)) / (2 * math.pi) * k).astype(np.int64) % k
        cols = np.array([brand_colour(rng) for _ in range(k)], np.uint8)
        return Image.merge('RGBA', (*Image.fromarray(cols[part]).split(), im.getchannel('A')))
    # app-icon tile: the glyph in white (or a light colour) on a rounded coloured square or a circle
    S = max(w, h)
    pad = int(S * rng.uniform(0.12, 0.3))
    T = S + 2 * pad
    tile = Image.new('RGBA', (T, T), (0, 0, 0, 0))
    d = ImageDraw.Draw(tile)
    if rng.random() < 0.7:
        d.rounded_rectangle([0, 0, T - 1, T - 1], radius=int(T * rng.uniform(0.05, 0.3)), fill=brand_colour(rng) + (255,))
    else:
        d.ellipse([0, 0, T - 1, T - 1], fill=brand_colour(rng) + (255,))
    glyph_col = (255, 255, 255) if rng.random() < 0.8 else tuple(min(255, c + 150) for c in brand_colour(rng))
    glyph = Image.merge('RGBA', (*Image.new('RGB', im.size, glyph_col).split(), im.getchannel('A')))
    tile.alpha_composite(glyph, (pad + (S - w) // 2, pad + (S - h) // 2))
    return fit_square(tile, im.width)


def lockup(rng, icon, fonts, size=192):
    """An icon beside (or above) a wordmark, as most logos with a name are drawn."""
    word = tight(render_wordmark(rng, fonts, size))
    icon = tight(icon)
    if rng.random() < 0.75:  # side by side: icon as tall as the text's cap height or a bit more
        ih = max(4, int(word.height * rng.uniform(1.0, 1.8)))
        icon = icon.resize((max(2, round(icon.width * ih / icon.height)), ih), Image.LANCZOS)
        gap = int(ih * rng.uniform(0.1, 0.4))
        W, H = icon.width + gap + word.width, max(ih, word.height)
        out = Image.new('RGBA', (W, H), (0, 0, 0, 0))
        out.alpha_composite(icon, (0, (H - ih) // 2))
        out.alpha_composite(word, (icon.width + gap, (H - word.height) // 2))
    else:  # stacked: icon above the text
        iw = max(4, int(word.width * rng.uniform(0.3, 0.7)))
        icon = icon.resize((iw, max(2, round(icon.height * iw / icon.width))), Image.LANCZOS)
        gap = int(icon.height * rng.uniform(0.05, 0.25))
        W, H = max(iw, word.width), icon.height + gap + word.height
        out = Image.new('RGBA', (W, H), (0, 0, 0, 0))
        out.alpha_composite(icon, ((W - iw) // 2, 0))
        out.alpha_composite(word, ((W - word.width) // 2, icon.height + gap))
    return fit_square(out, size, margin=0.04)


def fit_square(im, size, margin=0.0):
    inner = int(size * (1 - 2 * margin))
    s = inner / max(im.width, im.height)
    im = im.resize((max(1, round(im.width * s)), max(1, round(im.height * s))), Image.LANCZOS)
    out = Image.new('RGBA', (size, size), (0, 0, 0, 0))
    out.alpha_composite(im, ((size - im.width) // 2, (size - im.height) // 2))
    return out


def flatten_white(im):
    bg = Image.new('RGBA', im.size, (255, 255, 255, 255))
    bg.alpha_composite(im)
    return bg.convert('RGB')


def letterbox(im, size, fill=(255, 255, 255)):
    """Engine contract: fit inside size x size keeping aspect, pad with white (centred)."""
    s = size / max(im.width, im.height)
    w, h = max(1, round(im.width * s)), max(1, round(im.height * s))
    im = im.resize((w, h), Image.BILINEAR if s < 1 else Image.BICUBIC)
    out = Image.new('RGB', (size, size), fill)
    out.paste(im, ((size - w) // 2, (size - h) // 2))
    return out


# ---------------------------------------------------------------- backgrounds
def lowfreq(rng, w, h, cells, ch=3, amp=1.0):
    a = np.asarray(rng.random() * 0 + np.random.default_rng(rng.getrandbits(32)).random((cells, cells, ch)) * 255, np.uint8)
    im = Image.fromarray(a.squeeze() if ch == 1 else a).resize((w, h), Image.BICUBIC)
    return np.asarray(im, np.float32) / 255.0


def rotated_grid(w, h, ang):
    """Pixel coordinates along and across a direction at angle ang: (u, v), each h x w."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    return xx * math.cos(ang) + yy * math.sin(ang), -xx * math.sin(ang) + yy * math.cos(ang)


def rand_col(rng, lo=0, hi=255):
    return np.array([rng.randint(lo, hi) for _ in range(3)], np.float32)


def background(rng, w, h, icons=None):
    nrng = np.random.default_rng(rng.getrandbits(32))
    if PATTERN_EXTRA and rng.random() < PATTERN_EXTRA:
        return patterned(rng, nrng, w, h)
    t = rng.random()
    base = rand_col(rng)
    if t < 0.12:  # solid + fine noise
        bg = np.ones((h, w, 3), np.float32) * base + nrng.normal(0, rng.uniform(2, 12), (h, w, 1))
    elif t < 0.25:  # gradient
        c2 = rand_col(rng)
        ang = rng.uniform(0, 2 * math.pi)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        g = (xx * math.cos(ang) + yy * math.sin(ang))
        g = (g - g.min()) / (np.ptp(g) + 1e-6)
        bg = base * (1 - g[..., None]) + c2 * g[..., None]
    elif t < 0.4:  # fabric / weave
        f = rng.uniform(0.5, 2.5)
        u, v = rotated_grid(w, h, rng.uniform(0, math.pi))
        weave = 0.5 + 0.25 * np.sin(u * f) * np.sign(np.sin(v * f / 2)) + 0.25 * np.sin(v * f)
        bg = base * (0.75 + 0.35 * weave[..., None]) + nrng.normal(0, 6, (h, w, 1))
        bg = bg * (0.8 + 0.4 * lowfreq(rng, w, h, 4, 1)[..., None])
    elif t < 0.5:  # cardboard / paper
        base = np.array([rng.randint(150, 215), rng.randint(110, 170), rng.randint(60, 120)], np.float32) if rng.random() < 0.7 else rand_col(rng, 180, 250)
        bg = base * (0.85 + 0.3 * lowfreq(rng, w, h, 6, 1)[..., None]) + nrng.normal(0, 8, (h, w, 1))
        im = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8))
        d = ImageDraw.Draw(im)
        for _ in range(rng.randint(20, 80)):
            x, y = rng.randint(0, w), rng.randint(0, h)
            L = rng.randint(3, 15)
            a = rng.uniform(0, math.pi)
            c = tuple(int(v) for v in np.clip(base * rng.uniform(0.7, 1.1), 0, 255))
            d.line([x, y, x + L * math.cos(a), y + L * math.sin(a)], fill=c, width=1)
        if rng.random() < 0.5:  # corrugation
            yy = np.arange(h, dtype=np.float32)[:, None, None]
            bg = np.asarray(im, np.float32) * (0.93 + 0.07 * np.sin(yy / rng.uniform(3, 8)))
        else:
            bg = np.asarray(im, np.float32)
    elif t < 0.6:  # leather / plastic: blotchy multi-scale noise
        base = rand_col(rng, 10, 160) if rng.random() < 0.6 else rand_col(rng)
        n = 0.5 * lowfreq(rng, w, h, 24, 1) + 0.3 * lowfreq(rng, w, h, 60, 1) + 0.2 * lowfreq(rng, w, h, 5, 1)
        bg = base * (0.7 + 0.6 * n[..., None]) + nrng.normal(0, 4, (h, w, 1))
    elif t < 0.68:  # wood
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        warp = 20 * lowfreq(rng, w, h, 3, 1)
        rings = np.sin((xx + warp * 8) / rng.uniform(4, 12))
        base = np.array([rng.randint(120, 200), rng.randint(70, 130), rng.randint(30, 80)], np.float32)
        bg = base * (0.8 + 0.15 * rings[..., None]) + nrng.normal(0, 5, (h, w, 1))
    elif t < 0.82 and icons is not None:  # clutter of other icons
        bgi = Image.fromarray(np.clip(np.ones((h, w, 3)) * base * (0.8 + 0.4 * lowfreq(rng, w, h, 3, 1)[..., None]), 0, 255).astype(np.uint8)).convert('RGBA')
        for _ in range(rng.randint(4, 14)):
            ic = icons.get(rng.randrange(len(icons)))
            s = rng.randint(max(8, min(w, h) // 8), max(16, min(w, h) // 2))
            ic = recolor(rng, ic.resize((s, s), Image.BILINEAR), solid=True).rotate(rng.uniform(-40, 40), expand=True, resample=Image.BILINEAR)
            bgi.alpha_composite(ic, (rng.randint(-s // 3, w - s // 2), rng.randint(-s // 3, h - s // 2)))
        bg = np.asarray(bgi.convert('RGB'), np.float32)
    elif t < 0.82 + 0.1 * PATTERN_SHARE:  # printed / woven pattern: stripes, checks, dots (shirts, bags, wrapping)
        return patterned(rng, nrng, w, h)
    else:  # colourful "photo": multi-scale colour noise, shelves / stripes
        bg = 255 * (0.6 * lowfreq(rng, w, h, 4) + 0.4 * lowfreq(rng, w, h, 12))
        if rng.random() < 0.5:
            im = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8))
            d = ImageDraw.Draw(im)
            for _ in range(rng.randint(2, 8)):
                x0, y0 = rng.randint(-20, w), rng.randint(-20, h)
                d.rectangle([x0, y0, x0 + rng.randint(20, w), y0 + rng.randint(10, h // 2)], fill=tuple(rand_col(rng).astype(int)))
            bg = np.asarray(im.filter(ImageFilter.GaussianBlur(rng.uniform(0, 3))), np.float32)
    return Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8))


def patterned(rng, nrng, w, h):
    """A pattern() surface with thread noise and uneven light, as a background image."""
    bg = np.asarray(pattern(rng, w, h), np.float32) + nrng.normal(0, rng.uniform(1, 8), (h, w, 1))
    bg = bg * (0.8 + 0.35 * lowfreq(rng, w, h, 3, 1)[..., None])
    return Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8))


def pattern(rng, w, h):
    """Regular textile / print patterns of 2-3 colours at any angle: stripes, checks (gingham), dots."""
    cols = [rand_col(rng) for _ in range(3)]
    u, v = rotated_grid(w, h, rng.uniform(0, math.pi))
    period = rng.uniform(6, 60)
    kind = rng.random()
    if kind < 0.55:  # stripes, sometimes with a thin pinstripe
        k = rng.choice([2, 2, 3])
        idx = (np.floor(u / period * k) % k).astype(np.int64)
        bg = np.stack(cols[:k])[idx]
        if rng.random() < 0.3:
            pin = (np.abs((u % period) - period / 2) < rng.uniform(0.6, 2.0))[..., None]
            bg = np.where(pin, cols[2], bg)
    elif kind < 0.8:  # checks: two crossing stripe sets blended
        a = (np.floor(u / period) % 2)[..., None]
        b = (np.floor(v / period) % 2)[..., None]
        bg = cols[0] * (1 - a) * (1 - b) + cols[1] * a * b + 0.5 * (cols[0] + cols[1]) * (a + b - 2 * a * b)
    else:  # dots on a ground
        r = period * rng.uniform(0.15, 0.35)
        du, dv = (u % period) - period / 2, (v % period) - period / 2
        dot = (du * du + dv * dv < r * r)[..., None]
        bg = np.where(dot, cols[1], cols[0])
    im = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8))
    return im.filter(ImageFilter.GaussianBlur(rng.uniform(0, 1.2)))


# ---------------------------------------------------------------- mark transforms
def recolor(rng, im, solid=False, bg_mean=None):
    """Recolour an RGBA mark: keep / single colour / inverted / gradient / low contrast vs background."""
    a = im.getchannel('A')
    if LOW_CONTRAST_EXTRA and not solid and bg_mean is not None and rng.random() < LOW_CONTRAST_EXTRA:
        return low_contrast(rng, a, bg_mean)
    t = rng.random()
    if solid or t < 0.3:
        c = tuple(rng.randint(0, 255) for _ in range(3))
        return Image.merge('RGBA', (*Image.new('RGB', im.size, c).split(), a))
    if t < 0.55:
        return im
    if t < 0.65:  # inverted colours
        rgb = ImageOps.invert(im.convert('RGB'))
        return Image.merge('RGBA', (*rgb.split(), a))
    if t < 0.75:  # hue/channel shuffle
        ch = list(im.convert('RGB').split())
        rng.shuffle(ch)
        return Image.merge('RGBA', (*ch, a))
    if t < 0.85 and bg_mean is not None:
        return low_contrast(rng, a, bg_mean)
    # gradient fill
    w, h = im.size
    c1, c2 = rand_col(rng), rand_col(rng)
    g = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    arr = (c1 * (1 - g) + c2 * g) * np.ones((h, w, 1), np.float32)
    return Image.merge('RGBA', (*Image.fromarray(arr.astype(np.uint8)).split(), a))


def low_contrast(rng, a, bg_mean):
    """One ink a few levels off the background mean (a faint print, a tone-on-tone label); a is the mark's alpha."""
    d = rng.choice([-1, 1]) * rng.uniform(LOW_CONTRAST_MIN, 60)
    c = tuple(int(np.clip(v + d, 0, 255)) for v in bg_mean)
    return Image.merge('RGBA', (*Image.new('RGB', a.size, c).split(), a))


def emboss_onto(rng, canvas, m, x, y):
    """Press the RGBA mark m into canvas at (x, y): the surface keeps its colour, the mark shows only as light
    on the rims facing a random light and shadow on the others (leather, moulded plastic, blind embossing)."""
    a = np.asarray(m.getchannel('A'), np.float32) / 255
    h, w = a.shape
    d = max(1, round(max(w, h) / 150))
    th = rng.uniform(0, 2 * math.pi)
    dx, dy = round(d * math.cos(th)), round(d * math.sin(th))  # d >= 1, so never both 0
    relief = rng.uniform(0.3, 0.7) * lit_rims(a, d, dx, dy) * rng.choice([-1, 1]) - rng.uniform(0, 0.12) * a
    arr = np.asarray(canvas, np.float32).copy()
    region = arr[y:y + h, x:x + w, :3]
    arr[y:y + h, x:x + w, :3] = region * (1 + relief[..., None]) + 40 * np.maximum(0, relief)[..., None]
    return from_rgba(arr)


def from_rgba(arr):
    """An RGBA image of a float array, clipped to 0..255."""
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), 'RGBA')


def lit_rims(a, d, dx, dy):
    """Alpha a (h x w, 0..1) seen `d` px away on either side along (dx, dy): positive on the rims facing the light
    from that side, negative on the rims facing away (embossing, metal)."""
    h, w = a.shape
    p = np.pad(a, d)
    return p[d - dy:d - dy + h, d - dx:d - dx + w] - p[d + dy:d + dy + h, d + dx:d + dx + w]


def blob_occluder(rng, d, x, y, w, h):
    """A plain ellipse or rectangle of any colour over an edge or the inside of the mark's box (the first legs)."""
    ow, oh = int(w * rng.uniform(0.15, 0.45)), int(h * rng.uniform(0.15, 0.45))
    ox = x + rng.choice([-ow // 2, w - ow // 2, rng.randint(0, max(1, w - ow))])
    oy = y + rng.choice([-oh // 2, h - oh // 2, rng.randint(0, max(1, h - oh))])
    col = tuple(int(v) for v in rand_col(rng)) + (255,)
    if rng.random() < 0.5:
        d.ellipse([ox, oy, ox + ow, oy + oh], fill=col)
    else:
        d.rectangle([ox, oy, ox + ow, oy + oh], fill=col)


def occluder(rng, d, x, y, w, h):
    """Cover up to ~40 % of the mark's box (x, y, w, h): a strap across it, a price sticker (light, with print)
    or a thumb entering from an edge, as when goods are photographed in packaging or in the hand."""
    frac = rng.uniform(0.1, 0.4)
    kind = rng.choice(['strap', 'sticker', 'thumb'])
    if kind == 'strap':
        col = tuple(rng.randint(15, 110) for _ in range(3))
        if rng.random() < 0.5:
            t = frac * w
            x0 = x if rng.random() < 0.5 else x + w - t
            d.rectangle([x0, y - h, x0 + t, y + 2 * h], fill=col)
        else:
            t = frac * h
            y0 = y if rng.random() < 0.5 else y + h - t
            d.rectangle([x - w, y0, x + 2 * w, y0 + t], fill=col)
    elif kind == 'sticker':
        sw = math.sqrt(frac) * w * rng.uniform(0.8, 1.25)
        sh = frac * w * h / sw
        x0, y0 = x + rng.uniform(-0.1, 1) * (w - sw), y + rng.uniform(-0.1, 1) * (h - sh)
        d.rectangle([x0, y0, x0 + sw, y0 + sh], fill=tuple(rng.randint(215, 252) for _ in range(3)))
        ink = tuple(rng.randint(0, 90) for _ in range(3))
        for k in range(rng.randint(1, 3)):  # price / barcode lines
            ly = y0 + sh * (k + 1) / 4
            d.line([x0 + 0.15 * sw, ly, x0 + rng.uniform(0.4, 0.85) * sw, ly], fill=ink, width=max(1, int(sh / 10)))
    else:
        rx, ry = math.sqrt(frac) * w * 0.9, math.sqrt(frac) * h * 1.3
        cx = x if rng.random() < 0.5 else x + w
        cy = y + h * rng.uniform(0.3, 1.0)
        d.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=(rng.randint(170, 230), rng.randint(120, 170), rng.randint(95, 140)))


def perspective(rng, im, strength):
    w, h = im.size
    pad = int(0.25 * max(w, h))
    big = Image.new('RGBA', (w + 2 * pad, h + 2 * pad), (0, 0, 0, 0))
    big.paste(im, (pad, pad))
    W, H = big.size
    j = lambda: rng.uniform(-strength, strength) * max(w, h)  # noqa: E731
    src = [(pad + j(), pad + j()), (pad + w + j(), pad + j()), (pad + w + j(), pad + h + j()), (pad + j(), pad + h + j())]
    dst = [(pad, pad), (pad + w, pad), (pad + w, pad + h), (pad, pad + h)]
    coeffs = find_coeffs(dst, src)
    return tight(big.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BILINEAR))


def keystone(rng, im, squeeze):
    """A tilted view: one side of the mark shortened by `squeeze` about its midpoint."""
    w, h = im.size
    side = rng.randrange(4)  # 0 top, 1 right, 2 bottom, 3 left
    q = [[0, 0], [w, 0], [w, h], [0, h]]
    a, b = side, (side + 1) % 4
    for i, j in ((a, b), (b, a)):
        q[i] = [q[i][0] + (q[j][0] - q[i][0]) * squeeze / 2, q[i][1] + (q[j][1] - q[i][1]) * squeeze / 2]
    coeffs = find_coeffs([tuple(c) for c in q], [(0, 0), (w, 0), (w, h), (0, h)])
    return tight(im.transform((w, h), Image.PERSPECTIVE, coeffs, Image.BILINEAR))


def find_coeffs(pa, pb):
    A = []
    for p1, p2 in zip(pa, pb):
        A.append([p1[0], p1[1], 1, 0, 0, 0, -p2[0] * p1[0], -p2[0] * p1[1]])
        A.append([0, 0, 0, p1[0], p1[1], 1, -p2[1] * p1[0], -p2[1] * p1[1]])
    A = np.array(A, dtype=np.float64)
    B = np.array(pb, dtype=np.float64).reshape(8)
    return np.linalg.solve(A, B).tolist()


# ---------------------------------------------------------------- goods surfaces (GOODS_SHARE)
def sample_bilinear(arr, sx, sy):
    """arr (h x w x c, float) sampled at source coordinates sx, sy (each H x W); zero outside."""
    h, w = arr.shape[:2]
    x0, y0 = np.floor(sx).astype(np.int64), np.floor(sy).astype(np.int64)
    fx, fy = (sx - x0)[..., None], (sy - y0)[..., None]

    def at(yy, xx):
        inside = ((xx >= 0) & (xx < w) & (yy >= 0) & (yy < h))[..., None]
        return np.where(inside, arr[np.clip(yy, 0, h - 1), np.clip(xx, 0, w - 1)], 0)
    return (at(y0, x0) * (1 - fx) * (1 - fy) + at(y0, x0 + 1) * fx * (1 - fy)
            + at(y0 + 1, x0) * (1 - fx) * fy + at(y0 + 1, x0 + 1) * fx * fy)


def warp_rgba(m, sx, sy):
    """The RGBA mark resampled at (sx, sy), colour premultiplied so its rims do not darken."""
    a = np.asarray(m, np.float32)
    a[..., :3] *= a[..., 3:] / 255
    out = sample_bilinear(a, sx, sy)
    out[..., :3] /= np.maximum(out[..., 3:], 1e-3) / 255
    return out


def wrap_cylinder(rng, m):
    """Printed round a bottle or can, seen side on: the mark's arc squeezed towards the sides and shaded there,
    a highlight band down the surface, its top and bottom bowed when seen a little from above or below."""
    turned = rng.random() < 0.25  # the cylinder lies down (a tube, a can on its side)
    if turned:
        m = m.transpose(Image.Transpose.ROTATE_90)
    w, h = m.size
    half = math.radians(rng.uniform(25, 80))  # half the arc the mark spans
    wo = max(2, round(w * math.sin(half) / half))
    bow = rng.uniform(-0.08, 0.08) * h
    ho = h + int(abs(bow)) + 1
    yy, uu = np.mgrid[0:ho, 0:wo].astype(np.float32)
    phi = np.arcsin(np.clip((2 * (uu + 0.5) / wo - 1) * math.sin(half), -1, 1))
    sx = (phi / half + 1) * w / 2 - 0.5
    lift = bow * (np.cos(phi) - math.cos(half)) / (1 - math.cos(half))
    sy = yy - lift + min(0.0, bow)
    out = warp_rgba(m, sx, sy)
    dark = rng.uniform(0.35, 0.8)
    light = dark + (1 - dark) * np.cos(phi)
    band = rng.uniform(0.3, 0.9) * np.exp(-((phi - rng.uniform(-half, half)) / rng.uniform(0.05, 0.2)) ** 2)
    out[..., :3] = out[..., :3] * light[..., None] + 255 * band[..., None]
    out = from_rgba(out)
    return out.transpose(Image.Transpose.ROTATE_270) if turned else out


def crease(rng, m):
    """Printed on cloth that folds: the mark pushed about by smooth folds and shaded along them."""
    w, h = m.size
    gy, gx = np.gradient(lowfreq(rng, w, h, rng.randint(3, 6), 1))  # the slope of the cloth's folds
    scale = rng.uniform(0.03, 0.08) * max(w, h) / max(1e-6, float(np.hypot(gx, gy).max()))
    gx, gy = gx * scale, gy * scale  # pushed at most 3-8 % of the mark's size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    out = warp_rgba(m, xx + gx, yy + gy)
    th = rng.uniform(0, 2 * math.pi)
    slope = gx * math.cos(th) + gy * math.sin(th)
    shade = 1 + rng.uniform(0.1, 0.35) * slope / max(1e-6, float(np.abs(slope).max()))
    out[..., :3] *= shade[..., None]
    return from_rgba(out)


def metallic(rng, m):
    """Struck in metal, as a car badge or a zip pull: the ink turned chrome, gold or dark steel, reflecting a bright
    sky above a dark horizon line, with rims lit on the side facing the light and shadowed on the other."""
    arr = np.asarray(m, np.float32).copy()
    h, w = arr.shape[:2]
    tone = np.array(rng.choice([(235, 235, 240), (225, 190, 110), (200, 130, 90), (120, 120, 125)]), np.float32)
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    horizon = rng.uniform(0.3, 0.7)
    env = 0.9 - 0.35 * t - 0.55 * np.exp(-((t - horizon) / rng.uniform(0.04, 0.12)) ** 2)
    env = env + 0.08 * lowfreq(rng, w, h, 3, 1)
    a = arr[..., 3] / 255
    d = max(1, round(max(w, h) / 60))
    th = rng.uniform(0, 2 * math.pi)
    dx, dy = round(d * math.cos(th)) or 1, round(d * math.sin(th))
    arr[..., :3] = tone * np.clip(env + 0.6 * lit_rims(a, d, dx, dy), 0.05, 1.3)[..., None]
    return from_rgba(arr)


def worn(rng, m):
    """Ink rubbed off: patches where the print wore through and a few scratches across it."""
    w, h = m.size
    wear = lowfreq(rng, w, h, rng.randint(6, 20), 1)
    cut = np.quantile(wear, rng.uniform(0.08, 0.3))
    keep = np.clip((wear - cut) / 0.04, 0, 1)
    scratches = Image.new('L', (w, h), 255)
    d = ImageDraw.Draw(scratches)
    for _ in range(rng.randint(0, 6)):
        x0, y0 = rng.uniform(0, w), rng.uniform(0, h)
        L, ang = rng.uniform(0.2, 0.9) * max(w, h), rng.uniform(0, math.pi)
        d.line([x0, y0, x0 + L * math.cos(ang), y0 + L * math.sin(ang)], fill=0, width=rng.randint(1, max(1, w // 60)))
    keep = keep * np.asarray(scratches, np.float32) / 255
    arr = np.asarray(m, np.float32).copy()
    arr[..., 3] *= keep
    return from_rgba(arr)


def ink_box(im, x, y):
    """(x, y, w, h) of an RGBA image's visible pixels pasted at (x, y); None when it has none."""
    b = im.getchannel('A').point(lambda a: 255 if a > 64 else 0).getbbox()
    return (x + b[0], y + b[1], b[2] - b[0], b[3] - b[1]) if b else None


def composite(rng, mark, icons, out_size=224, hard=1.0, raw=False, with_background=False, boxes=None):
    """Photo-like view of an RGBA mark (square, transparent). Returns an RGB out_size x out_size image
    (canvas of random aspect letterboxed onto white, as the engine does with photos; or, for
    REGION_CROP_SHARE of them, the small mark's region cut out and enlarged, as the engine does with proposals).
    with_background: also return a region of the same photo that misses the mark (a training negative: what a
    proposal on the bare goods sees), letterboxed the same way.
    boxes: a list that receives the canvas box (x, y, w, h) of the mark's ink, then of each clutter mark's (a detector's targets)."""
    region_crop = not raw and rng.random() < REGION_CROP_SHARE
    harsh = HARSH_SHARE > 0 and rng.random() < HARSH_SHARE
    aspect = rng.choice([1.0, 1.0, 4 / 3, 3 / 4, 3 / 2, 2 / 3]) if rng.random() < 0.6 else rng.uniform(0.7, 1.45)
    long_side = rng.randint(out_size, int(out_size * 1.6))
    W, H = (long_side, int(long_side / aspect)) if aspect >= 1 else (int(long_side * aspect), long_side)
    bg = background(rng, W, H, icons)
    bg_mean = np.asarray(bg, np.float32).reshape(-1, 3).mean(0)
    m = tight(mark)
    # product-like: the mark printed on a label / box / tag
    on_label = rng.random() < 0.2
    m = recolor(rng, m, bg_mean=None if on_label else bg_mean) if rng.random() < 0.75 else m
    # scale: mark's long side covers ~10-90 % of the frame's short side (area ~1-80 %)
    frac = math.exp(rng.uniform(math.log(0.28), math.log(0.95))) if rng.random() >= SMALL_SHARE else rng.uniform(SMALL_MIN, 0.3)
    target = max(10, int(frac * min(W, H)))
    if region_crop:
        target = min(rng.randint(40, 130), int(0.9 * min(W, H)))
    s = target / max(m.width, m.height)
    m = m.resize((max(2, round(m.width * s)), max(2, round(m.height * s))), Image.LANCZOS)
    if GOODS_SHARE > 0 and rng.random() < GOODS_SHARE:
        m = rng.choice((wrap_cylinder, crease, metallic, worn))(rng, m)
    if rng.random() < 0.5 * hard:
        m = perspective(rng, m, rng.uniform(0.03, 0.18) * hard)
    if harsh and rng.random() < 0.5:
        m = keystone(rng, m, rng.uniform(0.1, 0.45))
    ang = rng.gauss(0, 10 * hard) if rng.random() < 0.8 else rng.uniform(-60, 60) * hard
    if abs(ang) > 0.5:
        m = m.rotate(ang, expand=True, resample=Image.BICUBIC)
    if m.width > W or m.height > H:
        s = min(W / m.width, H / m.height) * 0.98
        m = m.resize((max(2, int(m.width * s)), max(2, int(m.height * s))), Image.LANCZOS)
    x = rng.randint(0, max(0, W - m.width))
    y = rng.randint(0, max(0, H - m.height))
    canvas = bg.convert('RGBA')
    if on_label:
        pad = int(rng.uniform(0.08, 0.5) * max(m.width, m.height))
        lab_col = tuple(int(v) for v in rand_col(rng)) + (255,)
        d = ImageDraw.Draw(canvas)
        box = [x - pad, y - pad, x + m.width + pad, y + m.height + pad]
        if rng.random() < 0.5:
            d.rounded_rectangle(box, radius=pad, fill=lab_col)
        else:
            d.rectangle(box, fill=lab_col)
        # make sure the mark contrasts with the label
        lm = np.array(lab_col[:3], np.float32)
        ma = np.asarray(m.convert('RGB'), np.float32)[np.asarray(m.getchannel('A')) > 128]
        if ma.size and np.abs(ma.mean(0) - lm).sum() < 90:
            m = Image.merge('RGBA', (*Image.new('RGB', m.size, tuple(int(255 - v) for v in lm)).split(), m.getchannel('A')))
    # shadow / emboss
    if rng.random() < 0.2:
        sh = Image.merge('RGBA', (*Image.new('RGB', m.size, (0, 0, 0)).split(), m.getchannel('A').point(lambda a: a * 0.4)))
        canvas.alpha_composite(sh.filter(ImageFilter.GaussianBlur(2)), (min(W - m.width, x + 2), min(H - m.height, y + 2)))
    # slight alpha (print fading)
    if rng.random() < 0.15:
        m.putalpha(m.getchannel('A').point(lambda a, f=rng.uniform(0.55, 0.9): int(a * f)))
    if EMBOSS_SHARE > 0 and rng.random() < EMBOSS_SHARE:
        canvas = emboss_onto(rng, canvas, m, x, y)
    else:
        canvas.alpha_composite(m, (x, y))
    mark_box = ink_box(m, x, y) if boxes is not None else None
    if mark_box:
        boxes.append(mark_box)
    d = ImageDraw.Draw(canvas)
    # clutter: other marks around (may touch the mark's border)
    for _ in range(rng.choice([0, 0, 1, 2, 3, 4]) if icons is not None else 0):
        ic = icons.get(rng.randrange(len(icons)))
        s = rng.randint(max(8, min(W, H) // 10), max(12, min(W, H) // 3))
        ic = recolor(rng, tight(ic).resize((s, s), Image.BILINEAR), solid=rng.random() < 0.5).rotate(rng.uniform(-30, 30), expand=True)
        for _try in range(5):
            cx, cy = rng.randint(-s // 3, W - s // 2), rng.randint(-s // 3, H - s // 2)
            ov = max(0, min(cx + s, x + m.width) - max(cx, x)) * max(0, min(cy + s, y + m.height) - max(cy, y))
            if ov < 0.1 * m.width * m.height:
                canvas.alpha_composite(ic, (max(0, cx), max(0, cy)))
                b = ink_box(ic, max(0, cx), max(0, cy)) if boxes is not None else None
                if b:  # clipped to the canvas
                    x1, y1 = min(W, b[0] + b[2]), min(H, b[1] + b[3])
                    if x1 - b[0] >= 4 and y1 - b[1] >= 4:
                        boxes.append((b[0], b[1], x1 - b[0], y1 - b[1]))
                break
    # occlusion: a random object / finger / sticker over part of the mark
    if rng.random() < OCCLUSION_RATE * hard:
        use_occluder = OCCLUDER_SHARE > 0 and rng.random() < OCCLUDER_SHARE
        (occluder if use_occluder else blob_occluder)(rng, d, x, y, m.width, m.height)
    img = canvas.convert('RGB')
    arr = np.asarray(img, np.float32)
    nrng = np.random.default_rng(rng.getrandbits(32))
    # lighting: smooth shading, colour cast, brightness / contrast
    if rng.random() < 0.7:
        shade = 0.55 + 0.9 * lowfreq(rng, W, H, 2, 1)
        arr = arr * (1 + (shade[..., None] - 1) * rng.uniform(0.3, 1.0) * hard)
    if rng.random() < 0.5:
        arr = arr * np.array([rng.uniform(0.85, 1.15) for _ in range(3)], np.float32)
    c = rng.uniform(0.65, 1.25)
    arr = (arr - 128) * c + 128 + rng.uniform(-35, 35)
    if rng.random() < 0.15:  # specular glare blob
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        gx, gy, gr = rng.uniform(0, W), rng.uniform(0, H), rng.uniform(0.1, 0.4) * min(W, H)
        arr = arr + 200 * rng.uniform(0.3, 0.9) * np.exp(-((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * gr * gr))[..., None]
    if harsh and rng.random() < 0.5:  # a shadow: light falls from one side to the other
        ramp = rotated_grid(W, H, rng.uniform(0, 2 * math.pi))[0]
        ramp = (ramp - ramp.min()) / max(1e-6, float(ramp.max() - ramp.min()))
        arr = arr * (rng.uniform(0.3, 0.55) + (rng.uniform(1.0, 1.2) - rng.uniform(0.3, 0.55)) * ramp)[..., None]
    if rng.random() < 0.5:
        arr = arr + nrng.normal(0, rng.uniform(2, 14) * hard, arr.shape)
    if harsh and rng.random() < 0.5:
        arr = arr + nrng.normal(0, rng.uniform(8, 20), arr.shape)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if rng.random() < 0.1:
        img = ImageOps.grayscale(img).convert('RGB')
    if rng.random() < 0.4:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 2.0) * hard))
    if harsh and rng.random() < 0.5:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(1.2, 2.6)))
    if rng.random() < 0.25:  # motion-ish blur / downscale-upscale
        f = rng.uniform(0.3, 0.7)
        img = img.resize((max(8, int(W * f)), max(8, int(H * f))), Image.BILINEAR).resize((W, H), Image.BILINEAR)
    if rng.random() < 0.6:
        img = jpeg(img, rng.randint(25, 90))
    if harsh and rng.random() < 0.5:
        img = jpeg(img, rng.randint(12, 40))
    bare = background_region(rng, img, (x, y, m.width, m.height), out_size) if with_background else None
    if region_crop:  # the proposal's box: the mark plus a margin, a little off-centre
        side = max(m.width, m.height)
        mg = rng.uniform(0.05, 0.3) * side
        jx, jy = rng.uniform(-0.1, 0.1) * side, rng.uniform(-0.1, 0.1) * side
        box = (max(0, int(x - mg + jx)), max(0, int(y - mg + jy)),
               min(W, int(x + m.width + mg + jx)), min(H, int(y + m.height + mg + jy)))
        if box[2] - box[0] >= 8 and box[3] - box[1] >= 8:
            img = img.crop(box)
    out = img if raw else letterbox(img, out_size)
    return (out, bare) if with_background else out


def background_region(rng, img, mark_box, out_size):
    """A box of the photo holding at most 5 % of the mark (clutter may be in it), letterboxed; when the mark
    leaves no room, a fresh surface of the same size."""
    W, H = img.size
    mx, my, mw, mh = mark_box
    for _ in range(12):
        side = rng.uniform(0.2, 0.65) * min(W, H)
        w, h = max(16, int(side * rng.uniform(0.75, 1.33))), max(16, int(side))
        bx, by = rng.randint(0, max(0, W - w)), rng.randint(0, max(0, H - h))
        ov = max(0, min(bx + w, mx + mw) - max(bx, mx)) * max(0, min(by + h, my + mh) - max(by, my))
        if ov <= 0.05 * mw * mh:
            return letterbox(img.crop((bx, by, bx + w, by + h)), out_size)
    return letterbox(background(rng, W // 2, H // 2), out_size)


def jpeg(img, quality):
    """The image after a JPEG round trip at `quality`."""
    b = io.BytesIO()
    img.save(b, 'JPEG', quality=quality)
    return Image.open(io.BytesIO(b.getvalue())).convert('RGB')


def clean_view(mark, size):
    return letterbox(flatten_white(mark), size)


def to_chw(img):
    return np.asarray(img, np.float32).transpose(2, 0, 1) / 255.0
