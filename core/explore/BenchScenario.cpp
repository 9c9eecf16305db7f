// SPDX-License-Identifier: GPL-3.0-or-later
#include "explore/BenchScenario.h"

#include <string>

namespace zipcnn {

void addBenchVariants(Project& project) {
    for (int pct : {50, 60, 70, 80, 90}) {
        VariantSpec v;
        v.name = "INT8 pruned " + std::to_string(pct) + " %";
        v.dtype = DType::INT8;
        v.prune = pct / 100.0;
        project.variants.push_back(v);
    }
    for (auto& v : project.variants)
        v.visible = true;
}

} // namespace zipcnn
