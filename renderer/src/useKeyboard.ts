import { useEffect, useRef } from 'react';

export interface KeyActions {
  open(): void;
  next(): void;
  previous(): void;
  decide(n: 1 | 2 | 3): void;
}

const isTyping = (el: Element | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/**
 * The inspector's keys: Ctrl/Cmd+O open a photo; arrows or j/k move between matches; 1/2/3 decide.
 * Single keys are ignored while typing in a field, so notes and filters stay usable.
 */
export function useKeyboard(actions: KeyActions): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = ref.current;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        a.open();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(document.activeElement)) return;
      switch (e.key) {
        case 'ArrowRight':
        case 'ArrowDown':
        case 'j':
          e.preventDefault();
          a.next();
          break;
        case 'ArrowLeft':
        case 'ArrowUp':
        case 'k':
          e.preventDefault();
          a.previous();
          break;
        case '1':
        case '2':
        case '3':
          if (!e.repeat) a.decide(Number(e.key) as 1 | 2 | 3); // a held key decides once
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
