;;; $DOOMDIR/config.el -*- lexical-binding: t; -*-

(setq user-full-name "Dr. Bluefall"
      user-mail-address "bluefall@tutanota.example")

(setq doom-leader-key "SPC"
      doom-localleader-key ", m")

;; The system's mu includes mu4e-contrib, Doom's does not.
(add-to-list 'load-path "/usr/share/emacs/site-lisp/mu4e")

;; Let emacs use UNIX password stores as auth sources.
(auth-source-pass-enable)
(setq auth-sources '(password-store))

(add-hook! mu4e-main-mode :append
  (setq-local visual-fill-column-width 64
              visual-fill-column-center-text t))

(after! mu4e
  (setq sendmail-program (executable-find "msmtp")
        send-mail-function #'smtpmail-send-it
        message-sendmail-f-is-evil t
        message-sendmail-extra-arguments '("--read-envelope-from")
        message-send-mail-function #'message-send-mail-with-sendmail
        mu4e-context-policy 'ask-if-none
        mu4e-compose-context-policy 'always-ask
        mu4e-get-mail-command "mbsync --all"
        mu4e-update-interval 150)
  (add-to-list 'mu4e-view-actions
               '("View in Browser" . mu4e-action-view-in-browser) t))

;; Load EXWM when on aoi host
(if (string= "aoi" (system-name))
    (load! "+exwm"))

(setq message-kill-buffer-on-exit t)
