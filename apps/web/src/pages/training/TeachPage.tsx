import { t } from '../../i18n';
import { AttendanceSheet } from './AttendanceSheet';
import { Certificates } from './Certificates';
import { CohortDesk } from './CohortPicker';
import { CohortProgress } from './CohortProgress';
import { FrdoExport } from './FrdoExport';
import { GradingQueue } from './GradingQueue';
import { TEACHING_ROLES } from './roles';

/** The instructor's desk for one cohort: grading, attendance, progress, exports and documents. */
export default function TeachPage() {
  return (
    <CohortDesk roles={TEACHING_ROLES} title={t().training.teachTitle}>
      {(cohortId) => (
        <>
          <GradingQueue cohortId={cohortId} />
          <AttendanceSheet cohortId={cohortId} />
          <CohortProgress cohortId={cohortId} />
          <FrdoExport cohortId={cohortId} />
          <Certificates cohortId={cohortId} />
        </>
      )}
    </CohortDesk>
  );
}
