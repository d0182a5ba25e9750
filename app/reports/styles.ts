import { StyleSheet } from '@react-pdf/renderer'
import { REPORT_FONT, REPORT_MONO_FONT } from './fonts.server'

export const styles = StyleSheet.create({
  page: {
    fontFamily: REPORT_FONT,
    fontSize: 9,
    paddingTop: 36,
    paddingBottom: 48,
    paddingHorizontal: 36,
    color: '#0f172a',
  },
  title: { fontSize: 20, fontWeight: 'bold', marginBottom: 6 },
  h2: { fontSize: 13, fontWeight: 'bold', marginTop: 12, marginBottom: 6 },
  h3: { fontSize: 10, fontWeight: 'bold', marginTop: 6, marginBottom: 3 },
  muted: { color: '#475569' },
  bold: { fontWeight: 'bold' },
  verdictReady: {
    fontSize: 14,
    fontWeight: 'bold',
    color: '#166534',
    marginVertical: 8,
  },
  verdictBlocked: {
    fontSize: 14,
    fontWeight: 'bold',
    color: '#9f1239',
    marginVertical: 8,
  },
  box: {
    borderWidth: 1,
    borderColor: '#cbd5e1',
    padding: 6,
    marginBottom: 6,
  },
  exception: {
    borderWidth: 1,
    borderColor: '#b45309',
    backgroundColor: '#fffbeb',
    padding: 6,
    marginBottom: 6,
  },
  row: {
    flexDirection: 'row',
    borderBottomWidth: 0.5,
    borderBottomColor: '#cbd5e1',
    paddingVertical: 2,
  },
  headerRow: {
    flexDirection: 'row',
    borderBottomWidth: 1,
    borderBottomColor: '#0f172a',
    paddingVertical: 2,
    fontWeight: 'bold',
  },
  cell: { paddingRight: 4 },
  mono: { fontFamily: REPORT_MONO_FONT, fontSize: 7, lineHeight: 1.3 },
  footer: {
    position: 'absolute',
    bottom: 20,
    left: 36,
    right: 36,
    fontSize: 7,
    color: '#475569',
    flexDirection: 'row',
    justifyContent: 'space-between',
  },
})
