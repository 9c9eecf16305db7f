// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Network.h"

#include <string>

namespace zipcnn {

/// Small fluent helper to write networks in code (model zoo, tests). Each call appends one
/// layer fed by the given input (by default the previous layer) and returns its name.
class NetworkBuilder {
public:
    explicit NetworkBuilder(std::string networkName) : net_(std::move(networkName)) {}

    std::string input(Shape shape, const std::string& name = "input");
    std::string conv(int filters, Size2 kernel, Size2 strides = {1, 1},
                     Padding padding = Padding::Valid, ActivationKind act = ActivationKind::Linear,
                     const std::string& from = {}, const std::string& name = {});
    std::string depthwise(Size2 kernel, Size2 strides = {1, 1}, Padding padding = Padding::Same,
                          ActivationKind act = ActivationKind::Linear, const std::string& from = {},
                          const std::string& name = {});
    std::string separable(int filters, Size2 kernel, Size2 strides = {1, 1},
                          Padding padding = Padding::Same,
                          ActivationKind act = ActivationKind::Linear, const std::string& from = {},
                          const std::string& name = {});
    std::string dense(int units, ActivationKind act = ActivationKind::Linear,
                      const std::string& from = {}, const std::string& name = {});
    std::string avgPool(Size2 pool, Size2 strides = {0, 0}, Padding padding = Padding::Valid,
                        const std::string& from = {}, const std::string& name = {});
    std::string maxPool(Size2 pool, Size2 strides = {0, 0}, Padding padding = Padding::Valid,
                        const std::string& from = {}, const std::string& name = {});
    std::string globalAvgPool(const std::string& from = {}, const std::string& name = {});
    std::string batchNorm(const std::string& from = {}, const std::string& name = {});
    std::string activation(ActivationKind act, const std::string& from = {},
                           const std::string& name = {});
    std::string add(std::vector<std::string> inputs, const std::string& name = {});
    std::string flatten(const std::string& from = {}, const std::string& name = {});
    std::string dropout(double rate, const std::string& from = {}, const std::string& name = {});
    std::string zeroPad(Pad4 pads, const std::string& from = {}, const std::string& name = {});

    /// Appends an arbitrary layer (name made unique if empty).
    std::string layer(Layer l);

    const std::string& last() const { return last_; }
    Network& network() { return net_; }
    Network take() { return std::move(net_); }

private:
    std::string append(LayerType type, LayerAttrs attrs, std::vector<std::string> inputs,
                       const std::string& name, const char* base);
    std::string from(const std::string& f) const { return f.empty() ? last_ : f; }

    Network net_;
    std::string last_;
};

} // namespace zipcnn
