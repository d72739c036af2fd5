import { t } from '../i18n';
import { NoData } from './State';

/** A section whose data the API does not provide yet: an honest "no data", never invented figures. */
export function Unavailable(props: { title: string }) {
  return (
    <section>
      <h1>{props.title}</h1>
      <NoData detail={t().app.notAvailable} />
    </section>
  );
}
