// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Project.h"

#include <QString>

namespace zipcnn::gui {

/// The variant's name, or a description built from what it is when it has none
/// ("INT8 · prune 70 % · student resnet8").
QString variantLabel(const VariantSpec& spec);
/// What the variant is, without its name: "INT8, pruned 70 %, student resnet8".
QString variantDescription(const VariantSpec& spec);

/// The student of a distilled variant ("student resnet8"), empty for none.
QString studentDescription(const StudentRef& student);

} // namespace zipcnn::gui
