// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The cost parameters by name, for the calibration tests that compare two parameter sets.
#include "cost/CostParams.h"

namespace zipcnn::testsupport {

struct FittedParam {
    const char* name;
    double CostParams::*member;
};

/// The parameters the calibration tests compare one by one, named as in messages.
inline constexpr FittedParam kFittedParams[] = {
    {"s_conv", &CostParams::sConv},
    {"o_conv", &CostParams::oConv},
    {"s_fc", &CostParams::sFc},
    {"b_fc", &CostParams::bFc},
    {"o_sig", &CostParams::oSig},
    {"b_sig", &CostParams::bSig},
    {"c0", &CostParams::c0},
    {"q8", &CostParams::q8},
    {"kappa_conv", &CostParams::kappaConv},
    {"kappa_fc", &CostParams::kappaFc},
    {"kappa_el", &CostParams::kappaEl},
    {"i0_ma", &CostParams::i0Ma},
};

} // namespace zipcnn::testsupport
