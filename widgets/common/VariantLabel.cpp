// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/VariantLabel.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace zipcnn::gui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("VariantLabel", text);
}

} // namespace

QString studentDescription(const StudentRef& s) {
    switch (s.kind) {
    case StudentKind::None:
        return {};
    case StudentKind::Zoo:
        return tr("student %1").arg(QString::fromStdString(s.model));
    case StudentKind::File:
        return tr("student %1").arg(QFileInfo(QString::fromStdString(s.path)).fileName());
    case StudentKind::Derived:
        if (s.dropBlocksPerStage > 0)
            return tr("student x%1 width, -%2 blocks/stage")
                .arg(s.widthMultiplier)
                .arg(s.dropBlocksPerStage);
        return tr("student x%1 width").arg(s.widthMultiplier);
    }
    return {};
}

QString variantDescription(const VariantSpec& spec) {
    QStringList parts;
    parts << QString::fromLatin1(dtypeName(spec.dtype).data(),
                                 static_cast<int>(dtypeName(spec.dtype).size()))
                 .toUpper();
    if (spec.prune > 0.0)
        parts << tr("pruned %1 %").arg(spec.prune * 100.0, 0, 'g', 3);
    const QString student = studentDescription(spec.student);
    if (!student.isEmpty())
        parts << student;
    return parts.join(QStringLiteral(", "));
}

QString variantLabel(const VariantSpec& spec) {
    if (!spec.name.empty())
        return QString::fromStdString(spec.name);
    return variantDescription(spec);
}

} // namespace zipcnn::gui
