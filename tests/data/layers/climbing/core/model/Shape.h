#pragma once
#include "cost/Estimator.h"
