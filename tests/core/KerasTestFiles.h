// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Writes small Keras-style model files for the importer tests: legacy HDF5 (.h5) the way Keras
// 1, 2 and 3 lay them out, and Keras 3 .keras archives (zip of config.json, metadata.json and
// model.weights.h5). Only shapes matter to the importer, so the datasets hold no values.
#include <H5Cpp.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
#include <zip.h>

namespace zipcnn::kerastest {

using Dims = std::vector<hsize_t>;

/// One stored tensor: its weight name (as in `weight_names`) and shape.
struct Weight {
    std::string name;
    Dims shape;
};

/// One top-level layer group of /model_weights.
struct LayerWeights {
    std::string layer;
    std::vector<Weight> weights;
};

struct H5Layout {
    std::string kerasVersion = "2.4.0";
    bool fixedLengthStrings = false; ///< Keras 1.x files: fixed-length, null-padded strings
    bool modelConfig = true;         ///< false: no model_config attribute
    bool weightsOnly = false;        ///< save_weights layout: layer_names at the root
    bool keras3 = false;             ///< Keras 3's legacy writer: top_level_model_weights group
};

/// A fresh folder for one test's files.
inline std::filesystem::path tempDir(const std::string& test) {
    auto dir = std::filesystem::temp_directory_path() / "zipcnn_keras_tests" / test;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

namespace detail {

inline void stringAttr(const H5::H5Object& obj, const std::string& name,
                       const std::vector<std::string>& values, bool scalar, bool fixed) {
    if (fixed) {
        std::size_t size = 1;
        for (const auto& v : values)
            size = std::max(size, v.size());
        H5::StrType type(H5::PredType::C_S1, size);
        type.setStrpad(H5T_STR_NULLPAD);
        std::string buf(values.size() * size, '\0');
        for (std::size_t i = 0; i < values.size(); ++i)
            buf.replace(i * size, values[i].size(), values[i]);
        hsize_t n = values.size();
        H5::DataSpace space = scalar ? H5::DataSpace(H5S_SCALAR) : H5::DataSpace(1, &n);
        obj.createAttribute(name, type, space).write(type, buf.data());
        return;
    }
    H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    std::vector<const char*> ptrs;
    for (const auto& v : values)
        ptrs.push_back(v.c_str());
    hsize_t n = values.size();
    H5::DataSpace space = scalar ? H5::DataSpace(H5S_SCALAR) : H5::DataSpace(1, &n);
    obj.createAttribute(name, type, space).write(type, ptrs.data());
}

/// h5py writes an empty list as an empty float64 array.
inline void emptyListAttr(const H5::H5Object& obj, const std::string& name) {
    hsize_t n = 0;
    H5::DataSpace space(1, &n);
    obj.createAttribute(name, H5::PredType::IEEE_F64LE, space);
}

inline void dataset(const H5::Group& g, const std::string& name, const Dims& shape) {
    H5::LinkCreatPropList lcpl;
    H5Pset_create_intermediate_group(lcpl.getId(), 1);
    H5::DataSpace space = shape.empty()
                              ? H5::DataSpace(H5S_SCALAR)
                              : H5::DataSpace(static_cast<int>(shape.size()), shape.data());
    g.createDataSet(name, H5::PredType::IEEE_F32LE, space, H5::DSetCreatPropList::DEFAULT,
                    H5::DSetAccPropList::DEFAULT, lcpl);
}

inline void writeWeightGroups(const H5::Group& root, const std::vector<LayerWeights>& layers,
                              bool fixed) {
    std::vector<std::string> names;
    for (const auto& l : layers)
        names.push_back(l.layer);
    stringAttr(root, "layer_names", names, false, fixed);
    for (const auto& l : layers) {
        H5::Group g = root.createGroup(l.layer);
        std::vector<std::string> wn;
        for (const auto& w : l.weights) {
            wn.push_back(w.name);
            dataset(g, w.name, w.shape);
        }
        if (wn.empty())
            emptyListAttr(g, "weight_names");
        else
            stringAttr(g, "weight_names", wn, false, fixed);
    }
}

} // namespace detail

/// A legacy Keras .h5 file: root attributes keras_version, backend, model_config; the weights
/// under /model_weights/<layer>/<weight name>.
inline void writeKerasH5(const std::string& path, const nlohmann::json& config,
                         const std::vector<LayerWeights>& layers, const H5Layout& layout = {}) {
    H5::Exception::dontPrint();
    H5::H5File f(path, H5F_ACC_TRUNC);
    H5::Group root = f.openGroup("/");
    const bool fixed = layout.fixedLengthStrings;
    detail::stringAttr(root, "keras_version", {layout.kerasVersion}, true, fixed);
    if (layout.kerasVersion.rfind("1.", 0) != 0)
        detail::stringAttr(root, "backend", {"tensorflow"}, true, fixed);
    if (layout.weightsOnly) {
        detail::writeWeightGroups(root, layers, fixed);
        return;
    }
    if (layout.modelConfig)
        detail::stringAttr(root, "model_config", {config.dump()}, true, fixed);
    H5::Group mw = f.createGroup("/model_weights");
    detail::writeWeightGroups(mw, layers, fixed);
    if (layout.keras3)
        mw.createGroup("top_level_model_weights");
}

/// The weights of one layer in a .keras archive: its path of names ({"conv2d"}, or
/// {"model_2", "conv"} inside a nested model) and its variables in order.
struct ArchiveLayer {
    std::vector<std::string> path;
    std::vector<Dims> vars;
};

/// A Keras 3 .keras archive written with libzip: config.json, metadata.json and a
/// model.weights.h5 with /layers/<name>/vars/<i> (nested: /layers/<model>/layers/<name>/...).
inline void writeKerasArchive(const std::string& path, const nlohmann::json& config,
                              const std::vector<ArchiveLayer>& layers,
                              const std::string& kerasVersion = "3.8.0", bool withConfig = true) {
    const std::string weights = path + ".weights.h5.tmp";
    {
        H5::Exception::dontPrint();
        H5::H5File f(weights, H5F_ACC_TRUNC);
        f.createGroup("/layers");
        f.createGroup("/vars");
        for (const auto& l : layers) {
            std::string group = "/layers";
            for (std::size_t i = 0; i < l.path.size(); ++i)
                group += (i ? "/layers/" : "/") + l.path[i];
            H5::LinkCreatPropList lcpl;
            H5Pset_create_intermediate_group(lcpl.getId(), 1);
            H5::Group vars = f.createGroup(group + "/vars", lcpl);
            for (std::size_t v = 0; v < l.vars.size(); ++v)
                detail::dataset(vars, std::to_string(v), l.vars[v]);
        }
    }
    int errorCode = 0;
    std::filesystem::remove(path);
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &errorCode);
    ASSERT_NE(z, nullptr) << "cannot create " << path;
    // zip_source_buffer keeps a pointer: the strings must outlive zip_close.
    const std::string configText = config.dump();
    const std::string metadata = nlohmann::json{
        {"keras_version", kerasVersion},
        {"date_saved",
         "2025-01-01@00:00:00"}}.dump();
    if (withConfig)
        zip_file_add(z, "config.json",
                     zip_source_buffer(z, configText.data(), configText.size(), 0),
                     ZIP_FL_OVERWRITE);
    zip_file_add(z, "metadata.json", zip_source_buffer(z, metadata.data(), metadata.size(), 0),
                 ZIP_FL_OVERWRITE);
    zip_file_add(z, "model.weights.h5", zip_source_file(z, weights.c_str(), 0, -1),
                 ZIP_FL_OVERWRITE);
    ASSERT_EQ(zip_close(z), 0) << "cannot write " << path;
    std::filesystem::remove(weights);
}

inline void writeText(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

} // namespace zipcnn::kerastest
