;;; init.el --- a borg-style init  -*- lexical-binding: t -*-

(defvar before-user-init-time (current-time)
  "Value of `current-time' when Emacs begins loading `user-init-file'.")

(add-hook 'after-init-hook
          (lambda ()
            (message "Loading %s...done (%.3fs) [after-init]" user-init-file
                     (float-time (time-subtract (current-time)
                                                before-user-init-time))))
          t)

(progn ;     local packages
  (let ((dir (expand-file-name "local" user-emacs-directory)))
    (when (file-exists-p dir)
      (let ((default-directory dir))
        (add-to-list 'load-path dir)
        (normal-top-level-add-subdirs-to-load-path)))))

(progn ;     mail defaults
  (setq user-full-name "Jonas Berg"
        user-mail-address "jonas@berg.example.net")
  (setq send-mail-function 'smtpmail-send-it
        smtpmail-smtp-server "mail.berg.example.net"
        smtpmail-smtp-service 587))

(defvar my-hostname
  (substring (shell-command-to-string "hostname") 0 -1)
  "This machine's name, as the shell says.")

(if (string-equal "workstation-17" my-hostname)
    (setq smtpmail-smtp-server "smtp.corp.example.com"
          user-mail-address "jberg@corp.example.com")
  (setq smtpmail-stream-type 'starttls))

(progn ;     host-specific init
  (let* ((host (substring (shell-command-to-string "hostname") 0 -1))
         (host-dir (concat user-emacs-directory "hosts/" host))
         (host-file (expand-file-name "init.el" host-dir)))
    (when (file-exists-p host-file)
      (load host-file nil t))))

(when (string-prefix-p "lab" (shell-command-to-string "hostname -d"))
  (setq smtpmail-smtp-user "jberg"))

(setq message-send-mail-function 'message-use-send-mail-function)
