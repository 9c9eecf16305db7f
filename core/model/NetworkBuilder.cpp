// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/NetworkBuilder.h"

namespace zipcnn {

std::string NetworkBuilder::append(LayerType type, LayerAttrs attrs,
                                   std::vector<std::string> inputs, const std::string& name,
                                   const char* base) {
    Layer l;
    l.type = type;
    l.attrs = std::move(attrs);
    l.inputs = std::move(inputs);
    l.name = name.empty() ? net_.uniqueName(base) : name;
    last_ = net_.add(std::move(l));
    return last_;
}

std::string NetworkBuilder::layer(Layer l) {
    if (l.name.empty())
        l.name = net_.uniqueName(std::string(layerTypeName(l.type)));
    last_ = net_.add(std::move(l));
    return last_;
}

/// The attributes the three sliding-window convs share (filters 0 keeps the default).
static LayerAttrs windowAttrs(int filters, Size2 kernel, Size2 strides, Padding padding,
                              ActivationKind act) {
    LayerAttrs a;
    a.filters = filters;
    a.kernel = kernel;
    a.strides = strides;
    a.padding = padding;
    a.activation = act;
    return a;
}

std::string NetworkBuilder::input(Shape shape, const std::string& name) {
    LayerAttrs a;
    a.inputShape = std::move(shape);
    return append(LayerType::Input, a, {}, name, "input");
}

std::string NetworkBuilder::conv(int filters, Size2 kernel, Size2 strides, Padding padding,
                                 ActivationKind act, const std::string& f,
                                 const std::string& name) {
    return append(LayerType::Conv2D, windowAttrs(filters, kernel, strides, padding, act), {from(f)},
                  name, "conv");
}

std::string NetworkBuilder::depthwise(Size2 kernel, Size2 strides, Padding padding,
                                      ActivationKind act, const std::string& f,
                                      const std::string& name) {
    // No filters: a depthwise conv's outputs follow its input channels.
    return append(LayerType::DepthwiseConv2D, windowAttrs(0, kernel, strides, padding, act),
                  {from(f)}, name, "dwconv");
}

std::string NetworkBuilder::separable(int filters, Size2 kernel, Size2 strides, Padding padding,
                                      ActivationKind act, const std::string& f,
                                      const std::string& name) {
    return append(LayerType::SeparableConv2D, windowAttrs(filters, kernel, strides, padding, act),
                  {from(f)}, name, "sepconv");
}

std::string NetworkBuilder::dense(int units, ActivationKind act, const std::string& f,
                                  const std::string& name) {
    LayerAttrs a;
    a.units = units;
    a.activation = act;
    return append(LayerType::Dense, a, {from(f)}, name, "dense");
}

static LayerAttrs poolAttrs(Size2 pool, Size2 strides, Padding padding) {
    LayerAttrs a;
    a.kernel = pool;
    a.strides = (strides.h == 0 || strides.w == 0) ? pool : strides;
    a.padding = padding;
    return a;
}

std::string NetworkBuilder::avgPool(Size2 pool, Size2 strides, Padding padding,
                                    const std::string& f, const std::string& name) {
    return append(LayerType::AveragePooling2D, poolAttrs(pool, strides, padding), {from(f)}, name,
                  "avgpool");
}

std::string NetworkBuilder::maxPool(Size2 pool, Size2 strides, Padding padding,
                                    const std::string& f, const std::string& name) {
    return append(LayerType::MaxPooling2D, poolAttrs(pool, strides, padding), {from(f)}, name,
                  "maxpool");
}

std::string NetworkBuilder::globalAvgPool(const std::string& f, const std::string& name) {
    return append(LayerType::GlobalAveragePooling2D, {}, {from(f)}, name, "gap");
}

std::string NetworkBuilder::batchNorm(const std::string& f, const std::string& name) {
    return append(LayerType::BatchNormalization, {}, {from(f)}, name, "bn");
}

std::string NetworkBuilder::activation(ActivationKind act, const std::string& f,
                                       const std::string& name) {
    LayerAttrs a;
    a.activation = act;
    return append(LayerType::Activation, a, {from(f)}, name,
                  std::string(activationName(act)).c_str());
}

std::string NetworkBuilder::add(std::vector<std::string> inputs, const std::string& name) {
    return append(LayerType::Add, {}, std::move(inputs), name, "add");
}

std::string NetworkBuilder::flatten(const std::string& f, const std::string& name) {
    return append(LayerType::Flatten, {}, {from(f)}, name, "flatten");
}

std::string NetworkBuilder::dropout(double rate, const std::string& f, const std::string& name) {
    LayerAttrs a;
    a.rate = rate;
    return append(LayerType::Dropout, a, {from(f)}, name, "dropout");
}

std::string NetworkBuilder::zeroPad(Pad4 pads, const std::string& f, const std::string& name) {
    LayerAttrs a;
    a.pads = pads;
    return append(LayerType::ZeroPadding2D, a, {from(f)}, name, "zeropad");
}

} // namespace zipcnn
