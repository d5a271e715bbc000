// The installation's public key (Ed25519, PEM) and its id, to hand to whoever verifies a bundle or a
// certificate, with a button that copies it.
import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';

export function PublicKey({ keyId, pem }: { keyId: string; pem: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(pem);
      setCopied(true);
    } catch {
      // No clipboard (plain HTTP, or refused): the key stays selectable in its box.
      setCopied(false);
    }
  };
  return (
    <section className="card" aria-labelledby="evidence-key-h">
      <h2 id="evidence-key-h">{t('evidence.key')}</h2>
      <p>{t('evidence.keyText')}</p>
      <p>
        {t('evidence.keyId')}: <code className="secret" data-testid="evidence-key-id">{keyId}</code>
      </p>
      <pre className="command" data-testid="evidence-public-key">
        <code>{pem.trim()}</code>
      </pre>
      <div className="row">
        <button type="button" onClick={() => void copy()}>
          {t('evidence.copy')}
        </button>
        {copied && (
          <span role="status" className="muted small">
            {t('evidence.copied')}
          </span>
        )}
      </div>
    </section>
  );
}
