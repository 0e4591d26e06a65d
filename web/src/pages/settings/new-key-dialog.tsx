import { useState, type FormEvent } from 'react';
import type { CreatedApiKey } from '../../api/types.js';
import { CopyButton } from '../../components/copy-button.js';
import { Modal } from '../../components/modal.js';
import { ErrorMessage } from '../../components/status.js';

interface NewKeyDialogProps {
  open: boolean;
  create(name: string): Promise<CreatedApiKey>;
  onClose(): void;
}

/** Names a new key, then shows it the one time it can be seen, with a way to copy it. */
export function NewKeyDialog({ open, create, onClose }: NewKeyDialogProps) {
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiKey>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const close = () => {
    setName('');
    setCreated(undefined);
    setError(undefined);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setCreated(await create(name.trim()));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={created === undefined ? 'Create an API key' : 'Your new API key'} onClose={close}>
      {created === undefined ? (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor="new-key-name">Name</label>
            <input id="new-key-name" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} aria-describedby="new-key-help" autoFocus />
            <p id="new-key-help" className="help">
              Say who or what will use it, such as “Front desk” or “Billing integration”.
            </p>
          </div>
          <ErrorMessage error={error} />
          <div className="actions">
            <button type="button" className="secondary" onClick={close}>
              Cancel
            </button>
            <button type="submit" disabled={busy || name.trim() === ''}>
              {busy ? 'Creating…' : 'Create key'}
            </button>
          </div>
        </form>
      ) : (
        <div>
          <p className="warning" role="alert">
            Copy this key now and keep it somewhere safe. It is shown only this once: callbase stores only a fingerprint of it and cannot show it again.
          </p>
          <div className="field">
            <label htmlFor="new-key-value">API key “{created.name}”</label>
            <input id="new-key-value" readOnly value={created.key} className="monospace" onFocus={(event) => event.target.select()} />
          </div>
          <div className="actions">
            <CopyButton text={created.key} label="Copy key" />
            <button type="button" onClick={close}>
              I have copied it
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
