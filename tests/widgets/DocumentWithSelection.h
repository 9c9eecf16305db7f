// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "document/LayerSelection.h"
#include "document/ProjectDocument.h"

namespace zipcnn::gui::test {

/// What a view or panel under test is built on: a document and its layer selection. The test's
/// own struct adds the widget after them (members are built in order) and then resets the
/// document to its project, so the widget sees the change as it would in the application.
struct DocumentWithSelection {
    ProjectDocument doc;
    LayerSelection selection{&doc};
};

} // namespace zipcnn::gui::test
