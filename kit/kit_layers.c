/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reference kernels: plain loops in the order of the thesis's primitive algorithms (Annex A.1),
 * channels last (H, W, C), no SIMD, no library. Weights are read from the const arrays of
 * kit_weights.c, which the linker puts in Flash, as the thesis's deployments did; activations
 * live in one arena in SRAM at the offsets the generator planned.
 *
 * INT8 follows the same loops on int8 data with int32 accumulators and a right shift as the
 * requantisation (synthetic scales: the weights are synthetic too). Fused activations run as a
 * separate pass over the layer's output, as the thesis's primitives do. */
#include "kit.h"

#include <math.h>

#define SIG_LUT 1024 /* Algorithm 4: a table of 1024 sigmoid values over [-5, 5] */
static float sigmoid_lut[SIG_LUT + 1];
static int8_t sigmoid_i8[256], tanh_i8[256];

/* INT8 activations stand for real values x / 16; sigmoid and tanh outputs for y / 127. */
#define I8_SCALE 16.0f

static int8_t sat8(int32_t v) {
    return (int8_t)(v > 127 ? 127 : v < -128 ? -128 : v);
}

void kit_layers_init(void) {
    for (int d = 0; d <= SIG_LUT; ++d) {
        const float x = -5.0f + 10.0f * (float)d / (float)SIG_LUT;
        sigmoid_lut[d] = 1.0f / (1.0f + expf(-x));
    }
    for (int q = -128; q < 128; ++q) {
        const float x = (float)q / I8_SCALE;
        sigmoid_i8[q + 128] = sat8((int32_t)lrintf(127.0f / (1.0f + expf(-x))));
        tanh_i8[q + 128] = sat8((int32_t)lrintf(127.0f * tanhf(x)));
    }
}

static int32_t elements(const kit_layer_t* l) {
    return (int32_t)l->out_h * l->out_w * l->out_c;
}

void kit_fill_input(const kit_layer_t* l, int int8) {
    const int32_t n = elements(l);
    uint32_t s = 12345u;
    for (int32_t i = 0; i < n; ++i) {
        s = s * 1664525u + 1013904223u;
        const int32_t v = (int32_t)(s >> 25) - 64; /* [-64, 63] */
        if (int8)
            ((int8_t*)(kit_arena + l->out_off))[i] = (int8_t)v;
        else
            ((float*)(kit_arena + l->out_off))[i] = (float)v / 64.0f;
    }
}

/* ---------------------------------------------------------------- FP32 */

static void conv_f32(const kit_layer_t* l) {
    const float* in = (const float*)(kit_arena + l->in_off[0]);
    float* out = (float*)(kit_arena + l->out_off);
    const float* w = kit_weights_f32 + l->w_off;
    const float* b = kit_weights_f32 + l->b_off;
    const int dw = l->kind == KIT_DEPTHWISE_CONV2D;
    for (int y = 0; y < l->out_h; ++y)
        for (int x = 0; x < l->out_w; ++x)
            for (int o = 0; o < l->out_c; ++o) {
                const int ci0 = dw ? o / l->depth_mult : 0;
                float sum = 0.0f;
                for (int ky = 0; ky < l->k_h; ++ky) {
                    const int iy = y * l->s_h + ky - l->pad_top;
                    if (iy < 0 || iy >= l->in_h)
                        continue;
                    for (int kx = 0; kx < l->k_w; ++kx) {
                        const int ix = x * l->s_w + kx - l->pad_left;
                        if (ix < 0 || ix >= l->in_w)
                            continue;
                        const float* px = in + ((int32_t)iy * l->in_w + ix) * l->in_c + ci0;
                        /* Keras layout: [ky][kx][in_c][filters] ([..][in_c][depth_mult]) */
                        const float* pw =
                            w + ((ky * l->k_w + kx) * l->in_c) * (dw ? l->depth_mult : l->out_c);
                        if (dw)
                            sum += px[0] * pw[o];
                        else
                            for (int c = 0; c < l->in_c; ++c)
                                sum += px[c] * pw[c * l->out_c + o];
                    }
                }
                out[((int32_t)y * l->out_w + x) * l->out_c + o] = sum + (l->n_b ? b[o] : 0.0f);
            }
}

static void dense_f32(const kit_layer_t* l) {
    const float* in = (const float*)(kit_arena + l->in_off[0]);
    float* out = (float*)(kit_arena + l->out_off);
    const float* w = kit_weights_f32 + l->w_off; /* Algorithm 9: one row of weights per output */
    const float* b = kit_weights_f32 + l->b_off;
    for (int o = 0; o < l->out_c; ++o) {
        const float* row = w + (int32_t)o * l->in_c;
        float sum = 0.0f;
        for (int d = 0; d < l->in_c; ++d)
            sum += in[d] * row[d];
        out[o] = sum + (l->n_b ? b[o] : 0.0f);
    }
}

static void pool_f32(const kit_layer_t* l) {
    const float* in = (const float*)(kit_arena + l->in_off[0]);
    float* out = (float*)(kit_arena + l->out_off);
    const int avg = l->kind == KIT_AVG_POOL || l->kind == KIT_GLOBAL_AVG_POOL;
    for (int y = 0; y < l->out_h; ++y)
        for (int x = 0; x < l->out_w; ++x)
            for (int c = 0; c < l->out_c; ++c) {
                float acc = avg ? 0.0f : -INFINITY;
                int count = 0;
                for (int ky = 0; ky < l->k_h; ++ky) {
                    const int iy = y * l->s_h + ky - l->pad_top;
                    if (iy < 0 || iy >= l->in_h)
                        continue;
                    for (int kx = 0; kx < l->k_w; ++kx) {
                        const int ix = x * l->s_w + kx - l->pad_left;
                        if (ix < 0 || ix >= l->in_w)
                            continue;
                        const float v = in[((int32_t)iy * l->in_w + ix) * l->in_c + c];
                        if (avg)
                            acc += v;
                        else if (v > acc)
                            acc = v;
                        ++count;
                    }
                }
                /* Algorithm 3: the sum, then one division */
                out[((int32_t)y * l->out_w + x) * l->out_c + c] =
                    avg ? acc / (float)(count ? count : 1) : acc;
            }
}

static void batchnorm_f32(const kit_layer_t* l) {
    const float* in = (const float*)(kit_arena + l->in_off[0]);
    float* out = (float*)(kit_arena + l->out_off);
    const float* p = kit_weights_f32 + l->b_off; /* gamma, beta, mean, variance */
    const int c = l->out_c;
    const int32_t n = elements(l);
    for (int32_t i = 0; i < n; ++i) {
        const int k = (int)(i % c);
        /* Algorithm 7: gamma * (x - mean) / variance + beta */
        out[i] = p[k] * (in[i] - p[2 * c + k]) / p[3 * c + k] + p[c + k];
    }
}

/* Algorithm 6 and its kin: reads `in`, writes `v` (the same array for a fused activation). */
static void act_f32(const float* in, float* v, int32_t n, int channels, int act) {
    switch (act) {
    case KIT_RELU:
        for (int32_t i = 0; i < n; ++i) /* Algorithm 6 */
            v[i] = in[i] <= 0.0f ? 0.0f : in[i];
        break;
    case KIT_RELU6:
        for (int32_t i = 0; i < n; ++i)
            v[i] = in[i] <= 0.0f ? 0.0f : in[i] > 6.0f ? 6.0f : in[i];
        break;
    case KIT_SIGMOID:
        for (int32_t i = 0; i < n; ++i) { /* Algorithm 4: clamp, index, look up */
            float x = in[i];
            if (x < -5.0f)
                x = -5.0f;
            else if (x > 5.0f)
                x = 5.0f;
            int d = (int)(x * (SIG_LUT / 10.0f));
            if (d > SIG_LUT / 2)
                d = SIG_LUT / 2;
            else if (d < -SIG_LUT / 2)
                d = -SIG_LUT / 2;
            v[i] = sigmoid_lut[d + SIG_LUT / 2];
        }
        break;
    case KIT_TANH:
        for (int32_t i = 0; i < n; ++i)
            v[i] = tanhf(in[i]);
        break;
    case KIT_SOFTMAX: /* Algorithm 5, over the last axis */
        for (int32_t s = 0; s < n; s += channels) {
            float sum = 0.0f;
            for (int c = 0; c < channels; ++c)
                sum += expf(in[s + c]);
            for (int c = 0; c < channels; ++c)
                v[s + c] = expf(in[s + c]) / sum;
        }
        break;
    default:
        break;
    }
}

/* ---------------------------------------------------------------- INT8 */

static void conv_i8(const kit_layer_t* l) {
    const int8_t* in = (const int8_t*)(kit_arena + l->in_off[0]);
    int8_t* out = (int8_t*)(kit_arena + l->out_off);
    const int8_t* w = kit_weights_i8 + l->w_off;
    const int8_t* b = kit_weights_i8 + l->b_off;
    const int dw = l->kind == KIT_DEPTHWISE_CONV2D;
    for (int y = 0; y < l->out_h; ++y)
        for (int x = 0; x < l->out_w; ++x)
            for (int o = 0; o < l->out_c; ++o) {
                const int ci0 = dw ? o / l->depth_mult : 0;
                int32_t sum = 0;
                for (int ky = 0; ky < l->k_h; ++ky) {
                    const int iy = y * l->s_h + ky - l->pad_top;
                    if (iy < 0 || iy >= l->in_h)
                        continue;
                    for (int kx = 0; kx < l->k_w; ++kx) {
                        const int ix = x * l->s_w + kx - l->pad_left;
                        if (ix < 0 || ix >= l->in_w)
                            continue;
                        const int8_t* px = in + ((int32_t)iy * l->in_w + ix) * l->in_c + ci0;
                        const int8_t* pw =
                            w + ((ky * l->k_w + kx) * l->in_c) * (dw ? l->depth_mult : l->out_c);
                        if (dw)
                            sum += px[0] * pw[o];
                        else
                            for (int c = 0; c < l->in_c; ++c)
                                sum += px[c] * pw[c * l->out_c + o];
                    }
                }
                out[((int32_t)y * l->out_w + x) * l->out_c + o] =
                    sat8((sum + (l->n_b ? b[o] : 0)) >> l->shift);
            }
}

static void dense_i8(const kit_layer_t* l) {
    const int8_t* in = (const int8_t*)(kit_arena + l->in_off[0]);
    int8_t* out = (int8_t*)(kit_arena + l->out_off);
    const int8_t* w = kit_weights_i8 + l->w_off;
    const int8_t* b = kit_weights_i8 + l->b_off;
    for (int o = 0; o < l->out_c; ++o) {
        const int8_t* row = w + (int32_t)o * l->in_c;
        int32_t sum = 0;
        for (int d = 0; d < l->in_c; ++d)
            sum += in[d] * row[d];
        out[o] = sat8((sum + (l->n_b ? b[o] : 0)) >> l->shift);
    }
}

static void pool_i8(const kit_layer_t* l) {
    const int8_t* in = (const int8_t*)(kit_arena + l->in_off[0]);
    int8_t* out = (int8_t*)(kit_arena + l->out_off);
    const int avg = l->kind == KIT_AVG_POOL || l->kind == KIT_GLOBAL_AVG_POOL;
    for (int y = 0; y < l->out_h; ++y)
        for (int x = 0; x < l->out_w; ++x)
            for (int c = 0; c < l->out_c; ++c) {
                int32_t acc = avg ? 0 : -128;
                int32_t count = 0;
                for (int ky = 0; ky < l->k_h; ++ky) {
                    const int iy = y * l->s_h + ky - l->pad_top;
                    if (iy < 0 || iy >= l->in_h)
                        continue;
                    for (int kx = 0; kx < l->k_w; ++kx) {
                        const int ix = x * l->s_w + kx - l->pad_left;
                        if (ix < 0 || ix >= l->in_w)
                            continue;
                        const int32_t v = in[((int32_t)iy * l->in_w + ix) * l->in_c + c];
                        if (avg)
                            acc += v;
                        else if (v > acc)
                            acc = v;
                        ++count;
                    }
                }
                out[((int32_t)y * l->out_w + x) * l->out_c + c] =
                    (int8_t)(avg ? acc / (count ? count : 1) : acc);
            }
}

static void batchnorm_i8(const kit_layer_t* l) {
    const int8_t* in = (const int8_t*)(kit_arena + l->in_off[0]);
    int8_t* out = (int8_t*)(kit_arena + l->out_off);
    const int8_t* p = kit_weights_i8 + l->b_off; /* gamma, beta, mean, variance (never 0) */
    const int c = l->out_c;
    const int32_t n = elements(l);
    for (int32_t i = 0; i < n; ++i) {
        const int k = (int)(i % c);
        out[i] = sat8((int32_t)p[k] * (in[i] - p[2 * c + k]) / p[3 * c + k] + p[c + k]);
    }
}

/* Algorithm 6 and its kin: reads `in`, writes `v` (the same array for a fused activation). */
static void act_i8(const int8_t* in, int8_t* v, int32_t n, int channels, int act) {
    switch (act) {
    case KIT_RELU:
        for (int32_t i = 0; i < n; ++i)
            v[i] = in[i] <= 0 ? 0 : in[i];
        break;
    case KIT_RELU6: /* 6 at the activations' scale */
        for (int32_t i = 0; i < n; ++i)
            v[i] = in[i] <= 0 ? 0 : in[i] > (int8_t)(6 * I8_SCALE) ? (int8_t)(6 * I8_SCALE) : in[i];
        break;
    case KIT_SIGMOID:
        for (int32_t i = 0; i < n; ++i)
            v[i] = sigmoid_i8[in[i] + 128];
        break;
    case KIT_TANH:
        for (int32_t i = 0; i < n; ++i)
            v[i] = tanh_i8[in[i] + 128];
        break;
    case KIT_SOFTMAX: /* in float, as the thesis's INT8 networks did (docs/cost-model.md 1.5) */
        for (int32_t s = 0; s < n; s += channels) {
            float sum = 0.0f;
            for (int c = 0; c < channels; ++c)
                sum += expf((float)in[s + c] / I8_SCALE);
            for (int c = 0; c < channels; ++c)
                v[s + c] = sat8((int32_t)(127.0f * expf((float)in[s + c] / I8_SCALE) / sum));
        }
        break;
    default:
        break;
    }
}

/* ---------------------------------------------------------------- both */

static void copy_padded(const kit_layer_t* l, int size) {
    const uint8_t* in = kit_arena + l->in_off[0];
    uint8_t* out = kit_arena + l->out_off;
    const int32_t row = (int32_t)l->in_c * size;
    for (int y = 0; y < l->out_h; ++y)
        for (int x = 0; x < l->out_w; ++x) {
            const int iy = y - l->pad_top, ix = x - l->pad_left;
            uint8_t* o = out + ((int32_t)y * l->out_w + x) * row;
            const int inside = iy >= 0 && iy < l->in_h && ix >= 0 && ix < l->in_w;
            for (int32_t k = 0; k < row; ++k)
                o[k] = inside ? in[((int32_t)iy * l->in_w + ix) * row + k] : 0u;
        }
}

static void add_layer(const kit_layer_t* l, int int8) {
    const int32_t n = elements(l);
    if (int8) {
        const int8_t* a = (const int8_t*)(kit_arena + l->in_off[0]);
        const int8_t* b = (const int8_t*)(kit_arena + l->in_off[1]);
        int8_t* o = (int8_t*)(kit_arena + l->out_off);
        for (int32_t i = 0; i < n; ++i) /* Algorithm 8 */
            o[i] = sat8((int32_t)a[i] + b[i]);
    } else {
        const float* a = (const float*)(kit_arena + l->in_off[0]);
        const float* b = (const float*)(kit_arena + l->in_off[1]);
        float* o = (float*)(kit_arena + l->out_off);
        for (int32_t i = 0; i < n; ++i)
            o[i] = a[i] + b[i];
    }
}

void kit_run_layer(const kit_layer_t* l, int int8) {
    switch (l->kind) {
    case KIT_CONV2D:
    case KIT_DEPTHWISE_CONV2D:
        int8 ? conv_i8(l) : conv_f32(l);
        break;
    case KIT_DENSE:
        int8 ? dense_i8(l) : dense_f32(l);
        break;
    case KIT_AVG_POOL:
    case KIT_MAX_POOL:
    case KIT_GLOBAL_AVG_POOL:
    case KIT_GLOBAL_MAX_POOL:
        int8 ? pool_i8(l) : pool_f32(l);
        break;
    case KIT_BATCH_NORM:
        int8 ? batchnorm_i8(l) : batchnorm_f32(l);
        break;
    case KIT_ADD:
        add_layer(l, int8);
        break;
    case KIT_ZERO_PADDING:
        copy_padded(l, int8 ? 1 : 4);
        break;
    case KIT_ACTIVATION: /* standalone: one pass from the input to the output */
        if (int8)
            act_i8((const int8_t*)(kit_arena + l->in_off[0]), (int8_t*)(kit_arena + l->out_off),
                   elements(l), l->out_c, l->act);
        else
            act_f32((const float*)(kit_arena + l->in_off[0]), (float*)(kit_arena + l->out_off),
                    elements(l), l->out_c, l->act);
        return;
    default: /* Input is filled once, aliases are the same bytes */
        return;
    }
    if (l->act != KIT_LINEAR) {
        if (int8) {
            int8_t* o = (int8_t*)(kit_arena + l->out_off);
            act_i8(o, o, elements(l), l->out_c, l->act);
        } else {
            float* o = (float*)(kit_arena + l->out_off);
            act_f32(o, o, elements(l), l->out_c, l->act);
        }
    }
}
