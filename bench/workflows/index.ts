export { sleeper } from './sleeper';
