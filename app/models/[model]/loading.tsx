import { LoadingSkeleton } from "@/components/loading-skeleton";

export default LoadingSkeleton;
