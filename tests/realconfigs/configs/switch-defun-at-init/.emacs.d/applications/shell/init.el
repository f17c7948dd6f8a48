(setq explicit-shell-file-name "/bin/bash"
      comint-prompt-read-only t)
(add-hook 'shell-mode-hook 'ansi-color-for-comint-mode-on)
