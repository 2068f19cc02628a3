/** Light or dark: a data attribute on <html> that studio.css keys its CSS variables on; remembered per browser. */
import { useCallback, useEffect, useState } from 'react';

export type ThemeName = 'light' | 'dark';
const KEY = 'tessera.theme';

export function useTheme(): [ThemeName, () => void] {
  const [theme, setTheme] = useState<ThemeName>(() => (localStorage.getItem(KEY) === 'dark' ? 'dark' : 'light'));
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem(KEY, theme);
  }, [theme]);
  const toggle = useCallback(() => setTheme((t) => (t === 'dark' ? 'light' : 'dark')), []);
  return [theme, toggle];
}
