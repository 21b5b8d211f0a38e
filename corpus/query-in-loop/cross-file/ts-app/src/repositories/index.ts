// The repositories' barrel: everything, and one export under a second name.
export * from './orders';
export { loadOrder as orderById } from './orders';
