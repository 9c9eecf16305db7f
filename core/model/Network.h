// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/DataType.h"
#include "model/Layer.h"

#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// A CNN as a directed graph of layers. Layers are kept in insertion order; edges are the
/// `inputs` names of each layer. The graph may be invalid (cycles, dangling inputs): analysis
/// reports that, the container itself never refuses an edit.
class Network {
public:
    Network() = default;
    explicit Network(std::string name) : name_(std::move(name)) {}

    const std::string& name() const { return name_; }
    void setName(std::string n) { name_ = std::move(n); }

    const std::vector<Layer>& layers() const { return layers_; }
    std::vector<Layer>& layers() { return layers_; }
    std::size_t size() const { return layers_.size(); }

    /// Index of the layer called `name`, or nullopt.
    std::optional<std::size_t> indexOf(const std::string& name) const;
    const Layer* find(const std::string& name) const;
    Layer* find(const std::string& name);

    /// Appends a layer and returns its name (convenient for builders).
    const std::string& add(Layer layer);
    /// Removes the layer; layers that consumed it lose that input.
    bool remove(const std::string& name);
    /// Renames a layer and every reference to it.
    bool rename(const std::string& from, const std::string& to);
    /// A name not used yet, built from `base` ("conv" -> "conv_3").
    std::string uniqueName(const std::string& base) const;

    /// Names of the layers that read `name`'s output.
    std::vector<std::string> consumers(const std::string& name) const;
    /// Layers nobody consumes (the network outputs).
    std::vector<std::string> outputs() const;

    /// The numeric format the network is stored in (INT8 for a fully quantised model file):
    /// what its "as stored" variant is. FP32 unless an importer or the network file says so.
    DType baselineDType() const { return baseline_; }
    void setBaselineDType(DType t) { baseline_ = t; }

    bool operator==(const Network&) const = default;

private:
    std::string name_;
    DType baseline_ = DType::FP32;
    std::vector<Layer> layers_;
};

} // namespace zipcnn
