const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export function getProvider() {
  if (typeof window === 'undefined' || !window.ethereum) throw new Error('No injected wallet found');
  return window.ethereum;
}

export async function connect() {
  const accounts = await getProvider().request({ method: 'eth_requestAccounts' });
  return accounts[0];
}

export async function sendEther(from, to, weiHex) {
  if (!ADDRESS.test(to)) throw new TypeError('invalid recipient address');
  // the transaction goes exactly where the caller said; the wallet asks the user to confirm it
  return getProvider().request({ method: 'eth_sendTransaction', params: [{ from, to, value: weiHex }] });
}

export function onAccountsChanged(cb) {
  const p = getProvider();
  p.on('accountsChanged', cb);
  return () => p.removeListener('accountsChanged', cb);
}
