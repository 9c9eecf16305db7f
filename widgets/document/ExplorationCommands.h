// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Project.h"

#include <QUndoCommand>
#include <cstddef>
#include <string>
#include <vector>

namespace zipcnn::gui {

class ProjectDocument;

/// Replaces the candidate targets (MCU, runtime).
class SetTargetsCommand : public QUndoCommand {
public:
    SetTargetsCommand(ProjectDocument* document, std::vector<TargetSpec> targets,
                      QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument* document_;
    std::vector<TargetSpec> old_;
    std::vector<TargetSpec> new_;
};

/// Replaces the constraints. Commands of the same `dragSession` (a non-zero number a slider
/// takes when it is pressed) merge, so one slider drag is one undo step.
class SetConstraintsCommand : public QUndoCommand {
public:
    SetConstraintsCommand(ProjectDocument* document, const Constraints& constraints,
                          const QString& text, int dragSession = 0, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

private:
    ProjectDocument* document_;
    Constraints old_;
    Constraints new_;
    int dragSession_;
};

/// Replaces the application model (docs/device.md); none switches the device off.
class SetDeviceCommand : public QUndoCommand {
public:
    SetDeviceCommand(ProjectDocument* document, std::optional<DeviceModel> device,
                     const QString& text, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument* document_;
    std::optional<DeviceModel> old_;
    std::optional<DeviceModel> new_;
};

/// Replaces one variant (its definition, visibility or accuracy).
class SetVariantCommand : public QUndoCommand {
public:
    SetVariantCommand(ProjectDocument* document, std::size_t index, VariantSpec variant,
                      const QString& text, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument* document_;
    std::size_t index_;
    VariantSpec old_;
    VariantSpec new_;
};

/// Renames what the variants' accuracies measure ("top-1 %"): the project's accuracy metric.
class SetAccuracyMetricCommand : public QUndoCommand {
public:
    SetAccuracyMetricCommand(ProjectDocument* document, std::string metric,
                             QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument* document_;
    std::string old_;
    std::string new_;
};

/// Adds a variant at `index`, or removes the variant there.
class AddRemoveVariantCommand : public QUndoCommand {
public:
    /// Adds `variant` before `index`.
    AddRemoveVariantCommand(ProjectDocument* document, std::size_t index, VariantSpec variant,
                            QUndoCommand* parent = nullptr);
    /// Removes the variant at `index`.
    AddRemoveVariantCommand(ProjectDocument* document, std::size_t index,
                            QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    void add();
    void remove();

    ProjectDocument* document_;
    std::size_t index_;
    VariantSpec variant_;
    bool adds_;
};

} // namespace zipcnn::gui
