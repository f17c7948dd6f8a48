(setq auto-mode-alist (append '(("\\.lua$" . lua-mode)) auto-mode-alist))
(add-to-list 'auto-mode-alist '("\\.rs\\'" . rust-mode))
(setq user-mail-address "kai@lehmann.de"
      smtpmail-smtp-server "smtp.lehmann.de")
(setq auto-mode-alist
      (append '(("\\.pl\\'" . cperl-mode)
                ("\\.m\\'" . octave-mode)
                ("\\.tex\\'" . latex-mode))
              auto-mode-alist))
(add-to-list 'auto-mode-alist '("mutt-.*" . mail-mode))
(add-to-list 'interpreter-mode-alist '("perl" . cperl-mode))
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-service 587)
