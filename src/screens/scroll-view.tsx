// A window of `height` rows onto content that may be taller: nothing is cut off without a way
// to reach it. The offset is owned by the caller (↑/↓, PgUp/PgDn); the content's height is
// measured after each render and reported back so the caller can clamp and say "suite".

import { Box, measureElement, type DOMElement } from 'ink';
import { useLayoutEffect, useRef, type ReactNode } from 'react';

export function ScrollView({
  height,
  offset,
  onContentHeight,
  children,
}: {
  height: number;
  offset: number;
  onContentHeight: (rows: number) => void;
  children: ReactNode;
}) {
  const inner = useRef<DOMElement>(null);
  // A layout effect: Ink has just computed the layout, and the correction lands before the frame is drawn.
  useLayoutEffect(() => {
    if (inner.current) onContentHeight(measureElement(inner.current).height);
  });
  return (
    <Box height={height} flexDirection="column" overflow="hidden" flexShrink={0}>
      <Box ref={inner} flexDirection="column" flexShrink={0} marginTop={-offset}>
        {children}
      </Box>
    </Box>
  );
}
