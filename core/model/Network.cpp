// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/Network.h"

#include <algorithm>

namespace zipcnn {

std::string Size2::toString() const {
    return std::to_string(h) + "x" + std::to_string(w);
}

std::optional<std::size_t> Network::indexOf(const std::string& name) const {
    for (std::size_t i = 0; i < layers_.size(); ++i)
        if (layers_[i].name == name)
            return i;
    return std::nullopt;
}

const Layer* Network::find(const std::string& name) const {
    auto i = indexOf(name);
    return i ? &layers_[*i] : nullptr;
}

Layer* Network::find(const std::string& name) {
    auto i = indexOf(name);
    return i ? &layers_[*i] : nullptr;
}

const std::string& Network::add(Layer layer) {
    layers_.push_back(std::move(layer));
    return layers_.back().name;
}

bool Network::remove(const std::string& name) {
    auto i = indexOf(name);
    if (!i)
        return false;
    layers_.erase(layers_.begin() + static_cast<std::ptrdiff_t>(*i));
    for (auto& l : layers_)
        std::erase(l.inputs, name);
    return true;
}

bool Network::rename(const std::string& from, const std::string& to) {
    if (from == to)
        return true;
    if (indexOf(to) || !indexOf(from))
        return false;
    for (auto& l : layers_) {
        if (l.name == from)
            l.name = to;
        for (auto& in : l.inputs)
            if (in == from)
                in = to;
    }
    return true;
}

std::string Network::uniqueName(const std::string& base) const {
    if (!indexOf(base))
        return base;
    for (int i = 1;; ++i) {
        std::string candidate = base + "_" + std::to_string(i);
        if (!indexOf(candidate))
            return candidate;
    }
}

std::vector<std::string> Network::consumers(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& l : layers_)
        if (std::find(l.inputs.begin(), l.inputs.end(), name) != l.inputs.end())
            out.push_back(l.name);
    return out;
}

std::vector<std::string> Network::outputs() const {
    std::vector<std::string> out;
    for (const auto& l : layers_) {
        bool used = std::any_of(layers_.begin(), layers_.end(), [&](const Layer& o) {
            return std::find(o.inputs.begin(), o.inputs.end(), l.name) != o.inputs.end();
        });
        if (!used)
            out.push_back(l.name);
    }
    return out;
}

} // namespace zipcnn
