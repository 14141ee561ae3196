export { default as CumulusNclu } from "./nclu.js";
export { default as CumulusNvue } from "./nvue.js";
export { NVUE_OPTIONS, nvueL2vniConfig, nvueVlanHasPorts, nvueVniOf, type NvueBumMode, type NvueL2vniConfig, type NvueOptions } from "./l2vni.js";
export {
  NCLU_TEMPLATES,
  NCLU_ERROR_PATTERNS,
  NVUE_TEMPLATES,
  NVUE_ERROR_PATTERNS,
  NVUE_APPLY,
  NVUE_L2VNI_TEMPLATES,
  EVPN_VNI_TEMPLATES,
} from "./templates.js";
