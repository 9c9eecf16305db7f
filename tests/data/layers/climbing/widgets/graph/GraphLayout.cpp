#include "charts/AbacusChart.h"
