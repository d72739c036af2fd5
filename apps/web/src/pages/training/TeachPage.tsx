import { Show } from 'solid-js';
import { RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { t } from '../../i18n';
import { AttendanceSheet } from './AttendanceSheet';
import { Certificates } from './Certificates';
import { CohortPicker, useSelectedCohort } from './CohortPicker';
import { CohortProgress } from './CohortProgress';
import { FrdoExport } from './FrdoExport';
import { GradingQueue } from './GradingQueue';
import { TEACHING_ROLES } from './roles';

/** The instructor's desk for one cohort: grading, attendance, progress, exports and documents. */
export default function TeachPage() {
  const selection = useSelectedCohort();
  return (
    <RequireRole roles={TEACHING_ROLES}>
      <h1>{t().training.teachTitle}</h1>
      <QueryView query={selection.cohorts} empty={(list) => list.length === 0} emptyDetail={t().training.noCohorts}>
        {() => (
          <>
            <CohortPicker selection={selection} />
            <Show when={selection.cohortId()} keyed>
              {(cohortId) => (
                <>
                  <GradingQueue cohortId={cohortId} />
                  <AttendanceSheet cohortId={cohortId} />
                  <CohortProgress cohortId={cohortId} />
                  <FrdoExport cohortId={cohortId} />
                  <Certificates cohortId={cohortId} />
                </>
              )}
            </Show>
          </>
        )}
      </QueryView>
    </RequireRole>
  );
}
