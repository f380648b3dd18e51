import { useTranslation } from 'react-i18next';
import type { QueryContext } from '../../../api/handlers';
import { NiceClassSelect } from './NiceClassSelect';


/** What the inspector knows about the goods: recorded with the query, used by the infringement flag. */
export function ContextFields({ value, onChange, onSearch, canSearch }: {
  value: QueryContext;
  onChange(v: QueryContext): void;
  onSearch(): void;
  canSearch: boolean;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<QueryContext>) => onChange({ ...value, ...patch });
  return (
    <form
      className="context"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch();
      }}
    >
      <fieldset>
        <legend>{t('context.title')}</legend>
        <div className="field-grid">
          <label className="span2">
            <span>{t('context.goods')}</span>
            <input value={value.goods ?? ''} placeholder={t('context.goodsPlaceholder')} onChange={(e) => set({ goods: e.target.value || undefined })} />
          </label>
          <label>
            <span>{t('context.niceClass')}</span>
            <NiceClassSelect value={value.niceClass} anyLabel={t('context.anyClass')} onChange={(niceClass) => set({ niceClass })} />
          </label>
          <label>
            <span>{t('context.date')}</span>
            <input type="date" value={value.date ?? ''} onChange={(e) => set({ date: e.target.value || undefined })} />
          </label>
          <label>
            <span>{t('context.importer')}</span>
            <input value={value.importer ?? ''} onChange={(e) => set({ importer: e.target.value || undefined })} />
          </label>
          <label>
            <span>{t('context.exporter')}</span>
            <input value={value.exporter ?? ''} onChange={(e) => set({ exporter: e.target.value || undefined })} />
          </label>
          <label className="span2">
            <span>{t('context.port')}</span>
            <input value={value.port ?? ''} onChange={(e) => set({ port: e.target.value || undefined })} />
          </label>
        </div>
        <button type="submit" className="btn" disabled={!canSearch}>
          {t('context.search')}
        </button>
      </fieldset>
    </form>
  );
}
