// The cadence as a file (docs/cadences.md), the same the CLI reads: what is in the editor written out as
// YAML or JSON (times in words where they read back the same), and a file read in, which the server
// checks and saves as the campaign's cadence (its errors say which step and field).
import { useRef, useState } from 'react';
import { upload } from '../api/client.ts';
import type { Campaign } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorMessage } from '../ui/Alert.tsx';
import { toFileObject, type Draft } from './draft.ts';
import type { Cadence } from './types.ts';

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name from the cadence's name: letters, digits and kana kept, the rest as "-". */
const fileName = (name: string, ext: string) => `${name.trim().replace(/[\\/:*?"<>|\s]+/gu, '-') || 'cadence'}.${ext}`;

const isJson = (f: File) => f.name.toLowerCase().endsWith('.json') || f.type === 'application/json';

export function CadenceFile({ campaign, draft, editable, onImported }: { campaign: Campaign; draft: Draft; editable: boolean; onImported(c: Cadence): void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const exportAs = async (kind: 'yaml' | 'json') => {
    const data = toFileObject(draft);
    if (kind === 'json') return download(fileName(draft.name, 'json'), `${JSON.stringify(data, null, 2)}\n`, 'application/json');
    // The YAML writer is loaded only when someone asks for YAML.
    const { stringify } = await import('yaml');
    download(fileName(draft.name, 'yaml'), stringify(data), 'text/yaml');
  };

  const importFile = async (file: File) => {
    setError(null);
    if (!window.confirm(t('cadence.importConfirm', { file: file.name }))) return;
    setBusy(true);
    try {
      const { done } = upload('/api/v1/campaigns/{campaign}/cadence', { path: { campaign: campaign.id } }, file, () => {}, isJson(file) ? 'application/json' : 'text/yaml');
      onImported(await done);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="cadence-file">
      <div className="row wrap" role="group" aria-label={t('cadence.file')}>
        <button type="button" onClick={() => void exportAs('yaml')}>
          {t('cadence.exportYaml')}
        </button>
        <button type="button" onClick={() => void exportAs('json')}>
          {t('cadence.exportJson')}
        </button>
        {editable && (
          <label className="button">
            {busy ? t('common.working') : t('cadence.import')}
            <input
              ref={input}
              type="file"
              className="sr-only"
              accept=".yaml,.yml,.json,application/json,text/yaml"
              disabled={busy}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void importFile(f);
              }}
            />
          </label>
        )}
      </div>
      <ErrorMessage error={error} />
    </div>
  );
}
